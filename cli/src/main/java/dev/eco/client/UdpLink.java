package dev.eco.client;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Datagrams to one server: each line sent is one datagram without terminator, each datagram received is
 * printed as one line (a trailing LF or CRLF dropped). The socket is connected, so datagrams from anyone
 * else are ignored and an ICMP "port unreachable" shows as {@link PortUnreachableException}.
 */
public final class UdpLink implements Link {

    /**
     * The largest UDP payload over IPv4 (65,535 bytes of IP packet less 20 of IP header and 8 of UDP
     * header), and the size of the receive buffer. Over IPv6 a datagram may carry up to 65,527 bytes; what
     * lies beyond 65,507 would be cut off.
     */
    static final int MAX_DATAGRAM = 65_507;

    private final DatagramSocket socket;
    private final String shownAs;
    private volatile boolean closing;

    private UdpLink(DatagramSocket socket, String shownAs) {
        this.socket = socket;
        this.shownAs = shownAs;
    }

    /**
     * Binds an ephemeral port and aims it at the first address of {@code host}. Unlike TCP, where a refused
     * connect says at once to try the next address, UDP only learns that nobody listens from an ICMP reply
     * that may never come, so only the first address is used (the help and README say so).
     */
    public static UdpLink open(String host, int port) throws IOException {
        InetSocketAddress target = Connector.resolve(host, port).getFirst();
        DatagramSocket socket = new DatagramSocket();
        try {
            socket.connect(target);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return new UdpLink(socket, Endpoints.describe(host, port));
    }

    @Override
    public void start(Consumer<ChatEvent> events) {
        Thread.ofPlatform()
                .daemon()
                .name("eco-chat-udp-" + socket.getLocalPort())
                .start(() -> receive(events));
    }

    private void receive(Consumer<ChatEvent> events) {
        byte[] buf = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        try {
            while (true) {
                packet.setLength(buf.length);
                socket.receive(packet);
                events.accept(new ChatEvent.Received(text(packet.getData(), packet.getLength())));
            }
        } catch (PortUnreachableException e) {
            events.accept(new ChatEvent.Closed("nothing listens on udp " + shownAs));
        } catch (IOException e) {
            if (!closing) {
                events.accept(new ChatEvent.Closed(e.getMessage()));
            }
        }
    }

    /** The datagram as text, one trailing LF or CRLF dropped. */
    static String text(byte[] data, int length) {
        return new String(data, 0, withoutTerminator(data, length), StandardCharsets.UTF_8);
    }

    /** The length of {@code data} without one trailing LF or CRLF. */
    static int withoutTerminator(byte[] data, int length) {
        int end = length;
        if (end > 0 && data[end - 1] == '\n') {
            end--;
            if (end > 0 && data[end - 1] == '\r') {
                end--;
            }
        }
        return end;
    }

    @Override
    public void send(byte[] frame) throws IOException {
        socket.send(new DatagramPacket(frame, withoutTerminator(frame, frame.length)));
    }

    @Override
    public void finishSending() {
        // UDP has no end of stream
    }

    @Override
    public boolean datagrams() {
        return true;
    }

    @Override
    public void close() {
        closing = true;
        socket.close();
    }
}

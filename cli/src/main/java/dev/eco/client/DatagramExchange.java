package dev.eco.client;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/** A datagram out (no terminator), the next datagram from the server back. */
public final class DatagramExchange implements Exchange {

    private final DatagramSocket socket;
    private final String shownAs;
    private final Duration timeout;
    private final byte[] buf = new byte[UdpLink.MAX_DATAGRAM];

    public DatagramExchange(String host, int port, Duration timeout) throws IOException {
        this.socket = new DatagramSocket();
        this.shownAs = Endpoints.describe(host, port);
        this.timeout = timeout;
        try {
            socket.connect(Connector.resolve(host, port).getFirst());
            socket.setSoTimeout(Timeouts.millis(timeout));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public byte[] roundTrip(byte[] message) throws IOException {
        try {
            socket.send(new DatagramPacket(message, message.length));
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            socket.receive(reply);
            return Arrays.copyOf(reply.getData(), UdpLink.withoutTerminator(reply.getData(), reply.getLength()));
        } catch (SocketTimeoutException e) {
            throw new ClientException("no reply from udp " + shownAs + " within " + Endpoints.describe(timeout), e);
        } catch (PortUnreachableException e) {
            throw new ClientException("nothing listens on udp " + shownAs, e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}

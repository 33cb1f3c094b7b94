package dev.eco.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/** A line connection over TCP: every line the server sends is one {@link ChatEvent.Received}. */
public final class TcpLink implements Link {

    private final Socket socket;
    private final OutputStream out;
    private final String shownAs;
    private volatile boolean closing;

    private TcpLink(Socket socket, String shownAs) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.shownAs = shownAs;
    }

    public static TcpLink connect(String host, int port, Duration connectTimeout) throws IOException {
        return connect(host, port, connectTimeout, null);
    }

    /** Over TLS when {@code tls} is not null: connected and handshaken within {@code connectTimeout} each. */
    public static TcpLink connect(String host, int port, Duration connectTimeout, TlsClient tls) throws IOException {
        Socket socket = Connector.connect(host, port, connectTimeout);
        return new TcpLink(
                tls == null ? socket : tls.handshake(socket, host, port, connectTimeout),
                Endpoints.describe(host, port));
    }

    @Override
    public void start(Consumer<ChatEvent> events) {
        String name = "eco-chat-receiver-" + socket.getLocalPort();
        Thread.ofPlatform().daemon().name(name).start(() -> receive(events));
    }

    private void receive(Consumer<ChatEvent> events) {
        try (InputStream stream = socket.getInputStream()) {
            LineReader in = new LineReader(stream);
            for (byte[] line = in.readLine(); line != null; line = in.readLine()) {
                events.accept(new ChatEvent.Received(new String(line, StandardCharsets.UTF_8)));
            }
            events.accept(new ChatEvent.Closed(null));
        } catch (IOException e) {
            if (!closing) {
                events.accept(new ChatEvent.Closed(e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
    }

    @Override
    public void send(byte[] frame) throws IOException {
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            throw new ClientException("connection to " + shownAs + " lost: " + e.getMessage(), e);
        }
    }

    @Override
    public void finishSending() {
        try {
            socket.shutdownOutput();
        } catch (IOException ignored) {
            // the server already went away: the receiver reports that
        }
    }

    @Override
    public boolean datagrams() {
        return false;
    }

    @Override
    public void close() {
        closing = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was asked
        }
    }
}

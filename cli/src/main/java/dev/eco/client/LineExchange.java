package dev.eco.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/** A line over TCP: the message with LF out, one line back. */
public final class LineExchange implements Exchange {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String shownAs;
    private final Duration timeout;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public LineExchange(String host, int port, Duration timeout) throws IOException {
        this(host, port, timeout, null);
    }

    /** Over TLS when {@code tls} is not null. */
    public LineExchange(String host, int port, Duration timeout, TlsClient tls) throws IOException {
        Socket tcp = Connector.connect(host, port, timeout);
        this.socket = tls == null ? tcp : tls.handshake(tcp, host, port, timeout);
        this.shownAs = Endpoints.describe(host, port);
        this.timeout = timeout;
        // the socket is ours until the constructor returns: whatever fails before that must close it
        try {
            socket.setSoTimeout(Timeouts.millis(timeout));
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            skipGreeting();
        } catch (IOException | RuntimeException e) {
            Timeouts.closeQuietly(socket);
            throw e;
        }
    }

    /**
     * A server may greet a new connection with a line of its own; that line is not the reply to the first
     * message. It is read and dropped if it comes within {@link ChatSession#GREETING_WAIT}.
     */
    private void skipGreeting() throws IOException {
        socket.setSoTimeout(Timeouts.millis(ChatSession.GREETING_WAIT));
        try {
            readLine();
        } catch (SocketTimeoutException e) {
            // no greeting: what was read of a line stays in the buffer for the first reply
        } catch (ClientException e) {
            // closed at once: the first round trip reports it
        } finally {
            socket.setSoTimeout(Timeouts.millis(timeout));
        }
    }

    @Override
    public byte[] roundTrip(byte[] message) throws IOException {
        byte[] frame = new byte[message.length + 1];
        System.arraycopy(message, 0, frame, 0, message.length);
        frame[message.length] = '\n';
        out.write(frame);
        out.flush();
        try {
            return readLine();
        } catch (SocketTimeoutException e) {
            throw new ClientException("no reply from " + shownAs + " within " + Endpoints.describe(timeout), e);
        }
    }

    /** The next line without its terminator; a read that times out keeps what it read for the next call. */
    private byte[] readLine() throws IOException {
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                if (line.size() > 0) {
                    return take(line.size()); // the last line, unterminated
                }
                throw new ClientException("connection closed by server before it replied");
            }
            if (b == '\n') {
                int n = line.size();
                byte[] bytes = take(n);
                return n > 0 && bytes[n - 1] == '\r' ? Arrays.copyOf(bytes, n - 1) : bytes;
            }
            line.write(b);
        }
    }

    private byte[] take(int n) {
        byte[] bytes = line.toByteArray();
        line.reset();
        return bytes.length == n ? bytes : Arrays.copyOf(bytes, n);
    }

    @Override
    public void close() {
        Timeouts.closeQuietly(socket);
    }
}

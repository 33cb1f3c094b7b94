package dev.eco.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A line over TCP: the message with LF out, one line back. */
public final class LineExchange implements Exchange {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String shownAs;
    private final Duration timeout;
    private final LineReader lines;

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
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.lines = new LineReader(in);
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
            readLine(LineReader.MAX_LINE_BYTES);
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
            // An echo is as long as the message, and JSON may escape each byte in six: never less than that.
            return readLine(Math.max(LineReader.MAX_LINE_BYTES, 6 * frame.length));
        } catch (SocketTimeoutException e) {
            throw new ClientException("no reply from " + shownAs + " within " + Endpoints.describe(timeout), e);
        }
    }

    /** The next line without its terminator; a read that times out keeps what it read for the next call. */
    private byte[] readLine(int maxBytes) throws IOException {
        byte[] line = lines.readLine(maxBytes);
        if (line == null) {
            throw new ClientException("connection closed by server before it replied");
        }
        return line;
    }

    @Override
    public void close() {
        Timeouts.closeQuietly(socket);
    }
}

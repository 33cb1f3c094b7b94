package dev.eco.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A line client for tests: connects with a timeout, and every read has a read timeout, so a server that
 * stays silent fails the test with a sentence instead of hanging it.
 */
public final class TestClient implements AutoCloseable {

    /** How long any single read may wait before the test fails. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private TestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static TestClient connect(InetSocketAddress address) throws IOException {
        return connect(address, new Socket());
    }

    /** Connects a socket the caller has configured (buffer sizes, a local address). */
    public static TestClient connect(InetSocketAddress address, Socket unconnected) throws IOException {
        try {
            unconnected.connect(address, CONNECT_TIMEOUT_MILLIS);
            return new TestClient(unconnected);
        } catch (IOException e) {
            unconnected.close();
            throw e;
        }
    }

    /** A client on a socket already connected (a TLS socket, say); the client owns it from now on. */
    public static TestClient over(Socket connected) throws IOException {
        try {
            return new TestClient(connected);
        } catch (IOException e) {
            connected.close();
            throw e;
        }
    }

    public static TestClient connect(int port) throws IOException {
        return connect(new InetSocketAddress(EcoProcess.HOST, port));
    }

    /** Writes the text as UTF-8, exactly as given (no terminator is added). */
    public TestClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public TestClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Writes the text and an LF. */
    public TestClient sendLine(String line) throws IOException {
        return send(line + "\n");
    }

    /** The next line without its LF (a CR before it is kept); fails on a timeout or end of stream. */
    public String readRawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = read();
            if (b < 0) {
                fail("expected a line but the server closed the connection"
                        + (line.size() == 0
                                ? ""
                                : " after the partial line '" + line.toString(StandardCharsets.UTF_8) + "'"));
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    /** The next line without its LF or CRLF. */
    public String readLine() throws IOException {
        String line = readRawLine();
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Sends one line and returns the one-line answer. */
    public String roundTrip(String line) throws IOException {
        sendLine(line);
        return readLine();
    }

    /** Exactly {@code n} bytes. */
    public byte[] readBytes(int n) throws IOException {
        byte[] bytes = new byte[n];
        int got = 0;
        while (got < n) {
            int r = readWithTimeout(bytes, got, n - got);
            if (r < 0) {
                fail("end of stream after " + got + " of " + n + " bytes");
            }
            got += r;
        }
        return bytes;
    }

    /** Asserts the server closed the connection cleanly: end of stream, not a reset, with nothing unread before it. */
    public void assertEof() throws IOException {
        int b = read();
        if (b >= 0) {
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            rest.write(b);
            byte[] more = new byte[200];
            int n = in.available() > 0 ? in.read(more, 0, Math.min(more.length, in.available())) : 0;
            rest.write(more, 0, Math.max(0, n));
            fail("expected end of stream but read '" + rest.toString(StandardCharsets.UTF_8) + "'");
        }
        assertEquals(-1, b);
    }

    private int read() throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing from the server within " + READ_TIMEOUT.toMillis() + " ms", e);
        } catch (SocketException e) {
            throw broken(e);
        }
    }

    private int readWithTimeout(byte[] buf, int off, int len) throws IOException {
        try {
            return in.read(buf, off, len);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing from the server within " + READ_TIMEOUT.toMillis() + " ms", e);
        } catch (SocketException e) {
            throw broken(e);
        }
    }

    private AssertionError broken(SocketException e) {
        return new AssertionError(
                "the connection broke (" + e.getMessage() + "): a server that closes a socket"
                        + " with unread input resets it, and what it sent last may be lost",
                e);
    }

    public Socket socket() {
        return socket;
    }

    /** The buffered input, for tests that read bytes themselves (the read timeout still applies). */
    public InputStream in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    /** Closes with an RST instead of a FIN, as a crashed or killed client would. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

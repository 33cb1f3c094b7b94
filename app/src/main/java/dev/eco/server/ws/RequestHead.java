package dev.eco.server.ws;

import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.net.Connection;
import dev.eco.server.net.HandshakeException;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads one HTTP request head from a connection, bounded in size and in time: at most {@link #MAX_BYTES}
 * bytes up to the empty line that ends it, within {@link #TIMEOUT} of the first read (or the idle timeout, if
 * that is shorter). What came after the head (a client may send its first frames right behind its upgrade) is
 * kept for the WebSocket decoder.
 */
final class RequestHead {

    /**
     * The longest request head read, in bytes: a browser's upgrade is about 500. A longer one is answered 431
     * and the connection closed.
     */
    static final int MAX_BYTES = 8192;

    /**
     * How long a client has to send its whole request head, at most: then the connection is closed, counted as
     * {@code HANDSHAKE} (a client that trickles its headers byte by byte would otherwise hold a connection as
     * long as it likes, never idle).
     */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What was read. */
    sealed interface Read {
        /** A whole request head, and the bytes that came after it. */
        @SuppressWarnings("ArrayRecordComponent") // handed over once, never compared
        record Whole(HttpRequest request, byte[] rest) implements Read {}

        /** A head that is not HTTP/1.x: answered 400. */
        record Malformed(String why) implements Read {}

        /** A head longer than {@link #MAX_BYTES}: answered 431. */
        record TooLong() implements Read {}

        /** The input ended before the head did (the client went, shutdown, idle timeout): nothing to answer. */
        record Ended(Close how) implements Read {}
    }

    private RequestHead() {}

    /** Reads the head within {@link #TIMEOUT} or {@code idleTimeout}, the shorter (zero: never idle). */
    static Read read(Connection connection, Duration idleTimeout) throws IOException {
        Duration timeout = idleTimeout.isZero() || idleTimeout.compareTo(TIMEOUT) > 0 ? TIMEOUT : idleTimeout;
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean[] timedOut = new boolean[1];
        done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> {
            if (e instanceof TimeoutException) {
                timedOut[0] = true;
                connection.forceClose();
            }
            return null;
        });
        try {
            return readHead(connection);
        } catch (IOException e) {
            if (timedOut[0]) {
                throw new HandshakeException("no whole HTTP request within " + timeout.toMillis() + " ms", e);
            }
            throw e;
        } finally {
            done.complete(null);
        }
    }

    private static Read readHead(Connection connection) throws IOException {
        byte[] buf = new byte[1024];
        byte[] head = new byte[512];
        int len = 0;
        while (true) {
            int n = connection.read(buf);
            if (n < 0) {
                return new Read.Ended(connection.inputEnd());
            }
            connection.metrics().read(connection.listener(), n, 0);
            if (len + n > head.length) {
                head = Arrays.copyOf(head, Math.max(head.length * 2, len + n));
            }
            System.arraycopy(buf, 0, head, len, n);
            int from = Math.max(0, len - 3);
            len += n;
            int end = endOfHead(head, from, len);
            if (end >= 0) {
                int bodyStart = end + (head[end] == '\r' ? 4 : 2);
                if (end > MAX_BYTES) {
                    return new Read.TooLong();
                }
                try {
                    return new Read.Whole(HttpRequest.parse(head, end), Arrays.copyOfRange(head, bodyStart, len));
                } catch (HttpRequest.Malformed e) {
                    return new Read.Malformed(e.getMessage());
                }
            }
            if (len > MAX_BYTES) {
                return new Read.TooLong();
            }
        }
    }

    /** Where the line break before the empty line that ends the head starts, or -1. */
    private static int endOfHead(byte[] buf, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            if (buf[i] == '\n' && buf[i + 1] == '\n') {
                return i;
            }
            if (i + 3 < to && buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}

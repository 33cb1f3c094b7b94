package dev.eco.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The read side of one TCP connection, which shutdown can end from another thread without losing what the
 * client has already sent.
 *
 * <p>Java's {@link Socket#shutdownInput()} makes every later read return end of stream at once, even with
 * bytes waiting in the kernel; closing such a socket then resets the connection, and the client may lose its
 * last replies. So {@link #end()} uses it only to wake a reader that is blocked with nothing to read. A reader
 * that is busy (answering, or blocked writing to a slow client) finds the shutdown at its next read, and reads
 * on until the client has been quiet for {@link #QUIET}: what was sent before the shutdown is answered, and a
 * client that keeps sending is cut off by the shutdown grace.
 */
final class ConnectionInput {

    /** While shutting down, a client silent this long has sent everything it is going to. */
    static final Duration QUIET = Duration.ofMillis(100);

    private final Socket socket;
    private final Duration idleTimeout;
    private InputStream in;
    /** Shutdown has begun; the reader checks it before each read, which costs no system call. */
    private volatile boolean ending;
    /** Reader thread only: the socket's timeout is {@link #QUIET}. */
    private boolean draining;

    /** {@code idleTimeout} zero means reads wait forever. No I/O happens until {@link #open()}. */
    ConnectionInput(Socket socket, Duration idleTimeout) {
        this.socket = socket;
        this.idleTimeout = idleTimeout;
    }

    /** Called by the reader before its first read. */
    void open() throws IOException {
        in = socket.getInputStream();
        if (!idleTimeout.isZero()) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()));
        }
    }

    /**
     * Like {@link InputStream#read(byte[])}; also end of stream once shutdown has begun and the client is
     * quiet. A {@link SocketTimeoutException} means the idle timeout passed; it is never thrown after shutdown began.
     */
    int read(byte[] buf) throws IOException {
        if (ending) {
            return drain(buf);
        }
        try {
            return in.read(buf);
        } catch (SocketTimeoutException e) {
            if (ending) {
                return -1;
            }
            throw e;
        }
    }

    private int drain(byte[] buf) throws IOException {
        if (!draining) {
            socket.setSoTimeout((int) QUIET.toMillis());
            draining = true;
        }
        try {
            return in.read(buf); // end of stream at once if end() woke this reader from an empty read
        } catch (SocketTimeoutException e) {
            return -1;
        }
    }

    /**
     * Begins the end, from any thread: the reader sees end of stream after what the client already sent.
     * Safe to call more than once.
     */
    synchronized void end() throws IOException {
        if (ending) {
            return;
        }
        ending = true;
        // Nothing waiting to be read: the reader is blocked in an empty read, or will find the flag at its next
        // one; either way waking it loses nothing. With bytes waiting, its read returns them and it drains.
        // (Bytes arriving at this very moment, between the check and the wake-up, may go unread.)
        if (socket.getInputStream().available() == 0) {
            socket.shutdownInput();
        }
    }
}

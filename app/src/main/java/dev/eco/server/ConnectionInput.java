package dev.eco.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The read side of one TCP connection, which another thread can end (shutdown, idle timeout) without losing
 * what the client has already sent.
 *
 * <p>Reads are untimed: a socket timeout would make every read on a virtual thread schedule and cancel a
 * timer, which measured as twice the server's CPU per echoed message. The idle timeout is kept by the
 * {@link Connections} sweeper instead, from {@link #lastRead()}.
 *
 * <p>Java's {@link Socket#shutdownInput()} makes every later read return end of stream at once, even with
 * bytes waiting in the kernel; closing such a socket then resets the connection, and the client may lose its
 * last replies. So it is used only when nothing is waiting to be read, which merely wakes a reader blocked on
 * an empty socket. At shutdown, a reader that is busy finds the flag at its next read and reads on until the
 * client has been quiet for {@link #QUIET}: what was sent before the shutdown is answered, and a client that
 * keeps sending is cut off by the shutdown grace.
 */
final class ConnectionInput {

    /** While shutting down, a client silent this long has sent everything it is going to. */
    static final Duration QUIET = Duration.ofMillis(100);

    private final Socket socket;
    private InputStream in;
    /** Shutdown has begun; the reader checks it before each read, which costs no system call. */
    private volatile boolean ending;
    /** The sweeper found the connection idle and ended its input. */
    private volatile boolean idleExpired;
    /** {@link System#nanoTime()} after the last read that returned bytes (or at creation). */
    private volatile long lastRead = System.nanoTime();
    /** Reader thread only: the socket's timeout is {@link #QUIET}. */
    private boolean draining;

    ConnectionInput(Socket socket) {
        this.socket = socket;
    }

    /** Called by the reader before its first read. */
    void open() throws IOException {
        in = socket.getInputStream();
    }

    /**
     * Like {@link InputStream#read(byte[])}; also end of stream once shutdown has begun and the client is
     * quiet, or once the connection was found idle ({@link #idleExpired()} then says so).
     */
    int read(byte[] buf) throws IOException {
        if (ending) {
            return drain(buf);
        }
        int n = in.read(buf);
        if (n > 0) {
            lastRead = System.nanoTime();
        }
        return n;
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

    long lastRead() {
        return lastRead;
    }

    /** Whether the input ended because the connection was idle, rather than by the client or shutdown. */
    boolean idleExpired() {
        return idleExpired;
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
        wakeIfNothingWaiting();
    }

    /**
     * Ends the input of an idle connection, from the sweeper; false, and nothing done, when input is waiting
     * after all (the client just spoke) or the input is already ending.
     */
    synchronized boolean expireIdle() throws IOException {
        if (ending || idleExpired || socket.getInputStream().available() > 0) {
            return false;
        }
        idleExpired = true;
        socket.shutdownInput();
        return true;
    }

    /**
     * Nothing waiting to be read: the reader is blocked in an empty read, or will find the flag at its next
     * one; either way waking it loses nothing. With bytes waiting, its read returns them and it drains.
     * (Bytes arriving at this very moment, between the check and the wake-up, may go unread.)
     */
    private void wakeIfNothingWaiting() throws IOException {
        if (socket.getInputStream().available() == 0) {
            socket.shutdownInput();
        }
    }
}

package dev.eco.server.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The read side of one TCP connection, which another thread can end (shutdown, idle or frame timeout) without losing
 * what the client has already sent. How a blocked reader is woken is the {@link Wire}'s business.
 *
 * <p>Reads are untimed: a socket timeout would make every read on a virtual thread schedule and cancel a
 * timer, which measured as twice the server's CPU per echoed message. The idle timeout is kept by the
 * {@link Connections} sweeper instead (see {@link Activity}).
 *
 * <p>At shutdown, a reader that is busy finds the flag at its next read and reads on until the client has
 * been quiet for {@link #QUIET}: what was sent before the shutdown is answered, and a client that keeps
 * sending is read until half the shutdown grace has passed, then answered and told like the others. Input ends once, for the first of the two reasons: a shutdown that
 * lands during an idle close leaves that close alone.
 */
final class ConnectionInput {

    /** While shutting down, a client silent this long has sent everything it is going to. */
    static final Duration QUIET = Duration.ofMillis(100);

    /**
     * While the server's CPU is busy ({@link CpuLoad}) the reader yields its carrier before each read, so that
     * the other connections with input run first and the client's next line has time to arrive; the read then
     * finds it more often without parking (a read that finds nothing costs a failed {@code read}, an
     * {@code epoll_ctl}, a park and the poller's wake-up). It makes 2.3 system calls per echoed line instead of
     * 4.0 ({@code benchmarks/costs}); that it saves CPU is not shown beyond the noise (docs/performance.md).
     * {@code -Deco.yieldBeforeRead=false} turns it off.
     */
    static final boolean YIELD_BEFORE_READ = Boolean.parseBoolean(System.getProperty("eco.yieldBeforeRead", "true"));

    private final Wire wire;
    private InputStream in;
    /** Shutdown has begun; the reader checks it before each read, which costs no system call. */
    private volatile boolean ending;
    /** The sweeper found the connection idle and ended its input. */
    private volatile boolean idleExpired;
    /** The sweeper found a frame begun too long ago and ended the input. */
    private volatile boolean frameExpired;
    /** Set by {@link #end} before {@link #ending}: when shutdown stops reading a client that keeps sending. */
    private volatile long readUntil;
    /** Reader thread only: reads time out after {@link #QUIET}. */
    private boolean draining;

    ConnectionInput(Wire wire) {
        this.wire = wire;
    }

    /** Called by the reader before its first read. */
    void open() throws IOException {
        in = wire.input();
    }

    /**
     * Like {@link InputStream#read(byte[])}; also end of stream once shutdown has begun and the client is
     * quiet, or once the connection was found idle ({@link #idleExpired()} then says so).
     */
    @SuppressWarnings("ThreadPriorityCheck") // the yield is deliberate and measured: see YIELD_BEFORE_READ
    int read(byte[] buf, boolean busy) throws IOException {
        if (ending) {
            return drain(buf);
        }
        if (busy && YIELD_BEFORE_READ) {
            Thread.yield();
        }
        return in.read(buf, 0, buf.length); // not read(buf): a frame less in every parked reader's stack
    }

    private int drain(byte[] buf) throws IOException {
        if (System.nanoTime() - readUntil > 0) {
            return -1; // a client that never pauses is read no further: it still gets its answers and the notice
        }
        if (!draining) {
            wire.readTimeout(QUIET);
            draining = true;
        }
        try {
            return in.read(buf); // end of stream at once if end() woke this reader from an empty read
        } catch (SocketTimeoutException e) {
            return -1;
        }
    }

    /** Whether the input ended because the connection was idle, rather than by the client or shutdown. */
    boolean idleExpired() {
        return idleExpired;
    }

    /** Whether the input ended because a frame took longer than the frame timeout. */
    boolean frameExpired() {
        return frameExpired;
    }

    /**
     * Begins the end for shutdown, from any thread: the reader sees end of stream after what the client
     * already sent. Nothing to do when the input already ended (idle). False when the wire could not wake the
     * reader, which the caller must then close by force.
     */
    synchronized boolean end(long readUntil) {
        if (ending || idleExpired || frameExpired) {
            return true;
        }
        this.readUntil = readUntil;
        ending = true;
        return wire.endInput(Wire.End.SHUTDOWN);
    }

    /**
     * Ends the input of an idle connection, from the sweeper; false, and nothing done, when input is waiting
     * after all (the client just spoke) or the input is already ending.
     */
    synchronized boolean expireIdle() {
        if (ending || idleExpired || frameExpired) {
            return false;
        }
        idleExpired = true; // before the wake-up, so that the woken reader sees why
        if (!wire.endInput(Wire.End.IDLE)) {
            idleExpired = false;
            return false;
        }
        return true;
    }

    /**
     * Ends the input of a connection whose frame took too long, from the sweeper, whatever is waiting (more of
     * that frame). True when it ended, or was ending already; false when the wire could not wake the reader,
     * which the caller must then close by force.
     */
    synchronized boolean expireFrame() {
        if (ending || idleExpired || frameExpired) {
            return true;
        }
        frameExpired = true; // before the wake-up, so that the woken reader sees why
        return wire.endInput(Wire.End.FRAME_TIMEOUT);
    }
}

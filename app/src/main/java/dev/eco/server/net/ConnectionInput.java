package dev.eco.server.net;

import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.testing.Taps;
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
 * sending is read until half the shutdown grace has passed, then answered and told like the others. Input ends
 * once, for the first of the two reasons: a shutdown that lands during an idle close leaves that close alone.
 * Both work the same on a hibernated connection: the input ended by another thread makes its channel ready,
 * and the connection's new thread reads that end.
 */
final class ConnectionInput {

    /** While shutting down, a client silent this long has sent everything it is going to. */
    static final Duration QUIET = Duration.ofMillis(100);

    private final Wire wire;
    private final Activity activity;
    /** Whether each read that returns bytes notes the time, for the metrics' reply times. */
    private final boolean timesReads;

    private final Taps taps;

    private InputStream in;
    /**
     * {@link System#nanoTime()} after the last read that returned bytes, when {@link #timesReads}. Reader thread
     * only: the writes that answer a read are its own (a room's writer passes {@code answersRead} false).
     */
    private long readAt;
    /** What the test controls had on at the last read: the write that answers it goes by the same. */
    private Taps.Now now = Taps.Now.NOTHING;
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

    ConnectionInput(Wire wire, Activity activity, boolean timesReads, Taps taps) {
        this.wire = wire;
        this.activity = activity;
        this.timesReads = timesReads;
        this.taps = taps;
    }

    /** Called by the reader before its first read. */
    void open() throws IOException {
        in = wire.input();
    }

    /**
     * Reads and hands each read to the session until the input ends, and returns why the connection ends; or
     * returns null when the connection hibernates instead of waiting for its next bytes, which it does once the
     * sweeper found it drowsy, if its session allows it and nothing is waiting ({@link #hibernate}). A
     * {@code resumed} turn reads first: its channel was found readable, and what made it so (bytes, end of
     * stream, a TLS record) is read before the connection may sleep again. The read buffer lives for one turn:
     * a hibernated connection holds none. A {@link Session.Reading} reads by itself and never hibernates. Unless
     * it hibernates, the session lets go of what it holds outside the connection (its room) before the
     * connection closes, however it ends.
     */
    Close serve(Session session, boolean resumed) throws IOException {
        boolean hibernating = false;
        try {
            return switch (session) {
                case Session.Reading reading -> reading.serve();
                case Session.Answering answering -> {
                    Close end = answer(answering, resumed);
                    hibernating = end == null;
                    yield end;
                }
            };
        } finally {
            if (!hibernating) {
                session.close();
            }
        }
    }

    private Close answer(Session.Answering session, boolean resumed) throws IOException {
        ReadBuffer buf = new ReadBuffer();
        for (boolean mayHibernate = !resumed; ; mayHibernate = true) {
            if (mayHibernate && activity.drowsy() && session.hibernate() && hibernate()) {
                return null;
            }
            int n = read(buf.array());
            if (n < 0) {
                return session.ended(end());
            }
            if (!session.received(buf.array(), n)) {
                return Close.QUIT;
            }
            buf.after(n);
        }
    }

    /**
     * Reads into {@code buf}, and notes the read for the sweeper, the reply times and the test controls; -1 at
     * end of stream, whoever ended it ({@link #end()} says who). Reader thread.
     */
    int read(byte[] buf) throws IOException {
        int n = readOrEnd(buf);
        now = taps.now();
        if (n > 0) {
            activity.read();
            if (timesReads) {
                readAt = System.nanoTime();
            }
        }
        return n;
    }

    /** After a read returned -1, why the input ended: {@code FRAME_TIMEOUT}, {@code IDLE_TIMEOUT}, {@code SHUTDOWN} or {@code PEER}. */
    Close end() {
        return frameExpired
                ? Close.FRAME_TIMEOUT
                : idleExpired ? Close.IDLE_TIMEOUT : ending ? Close.SHUTDOWN : Close.PEER;
    }

    /** {@link System#nanoTime()} after the last read that returned bytes, when reads are timed. */
    long readAt() {
        return readAt;
    }

    /** What the test controls had on at the last read; reader thread. */
    Taps.Now taps() {
        return now;
    }

    /**
     * Like {@link InputStream#read(byte[])}; also end of stream once shutdown has begun and the client is
     * quiet, or once a timeout ended the input ({@link #end()} then says which).
     */
    private int readOrEnd(byte[] buf) throws IOException {
        if (ending) {
            return drain(buf);
        }
        return in.read(buf, 0, buf.length); // not read(buf): a frame less in every parked reader's stack
    }

    /**
     * Readies the connection to wait for its next bytes without a thread ({@link Hibernation}): true with the
     * wire's channel now non-blocking; false when it must read on instead: its input is ending, bytes are waiting
     * already, or the wire cannot. Reader thread, between reads. Bytes that arrive meanwhile make the channel
     * ready at once, so none waits unread.
     */
    boolean hibernate() throws IOException {
        return !ending && !idleExpired && !frameExpired && in.available() == 0 && wire.hibernate();
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

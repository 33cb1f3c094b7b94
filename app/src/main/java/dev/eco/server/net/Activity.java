package dev.eco.server.net;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One connection's traffic as the {@link Sweeper} sees it, kept without reading a clock or fencing memory on
 * every read and write: the connection's own thread counts its reads and writes, and notes the frame it is in
 * the middle of, with opaque stores (plain moves on x86, where a volatile store is a fence), and the sweeper,
 * the only one that reads the clock, notes when each last changed. The idle, blocked and open-frame times it
 * finds are therefore late by at most one sweep, never early. (Reading the clock on the hot path instead cost
 * 2.4 % of the server's CPU samples in a {@code perf} profile at 50 connections.)
 *
 * <p>The sweeper also tells the connection whether it is drowsy: quiet long enough that it hibernates whenever
 * it has nothing to read ({@link Hibernation}).
 */
final class Activity {

    private static final VarHandle READS;
    private static final VarHandle DROWSY;
    private static final VarHandle WRITES_STARTED;
    private static final VarHandle WRITES_DONE;
    private static final VarHandle OPEN_FRAME;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            READS = lookup.findVarHandle(Activity.class, "reads", int.class);
            WRITES_STARTED = lookup.findVarHandle(Activity.class, "writesStarted", int.class);
            WRITES_DONE = lookup.findVarHandle(Activity.class, "writesDone", int.class);
            DROWSY = lookup.findVarHandle(Activity.class, "drowsy", boolean.class);
            OPEN_FRAME = lookup.findVarHandle(Activity.class, "openFrame", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Written by the connection's thread only; counts wrap, which comparing for change tolerates.
    private int reads;
    private int writesStarted;
    private int writesDone;
    /** The frame begun and not yet ended, as the number of frames before it plus one; 0 between frames. */
    private long openFrame;
    // Written by the sweeper (only when it changes), read by the connection's thread.
    private boolean drowsy;

    // The sweeper's own notes (one sweeper thread).
    private int trafficSeen;
    private long quietSince;
    private boolean writeSeen;
    private int blockedWrite;
    private long blockedSince;
    private long frameSeen;
    private long frameSince;

    /** The hibernation thread's note: {@link System#nanoTime()} when the connection last fell asleep. */
    private long asleepSince;

    /** {@code now}: {@link System#nanoTime()} when the connection opened, the start of its quiet. */
    Activity(long now) {
        quietSince = now;
    }

    /** A read returned bytes. Connection thread. */
    void read() {
        READS.setOpaque(this, reads + 1);
    }

    /** A write begins. Connection thread. */
    void writeStarted() {
        WRITES_STARTED.setOpaque(this, writesStarted + 1);
    }

    /** The write begun last has finished (or failed). Connection thread. */
    void writeDone() {
        WRITES_DONE.setOpaque(this, writesDone + 1);
    }

    /**
     * After a read: {@code frame} is the frame begun and not ended (the frames before it plus one), or 0 when
     * the read ended between frames. A store only when it changed. Connection thread.
     */
    void frame(long frame) {
        if (frame != openFrame) {
            OPEN_FRAME.setOpaque(this, frame);
        }
    }

    /** Whether the reader should hibernate rather than wait for its next bytes. Connection thread. */
    boolean drowsy() {
        return (boolean) DROWSY.getOpaque(this);
    }

    /** Sweeper (and the connection's start): whether the connection hibernates when it has nothing to read. */
    void drowsy(boolean drowsy) {
        if (drowsy != this.drowsy) {
            DROWSY.setOpaque(this, drowsy);
        }
    }

    /** Hibernation thread: the connection falls asleep at {@code now}. */
    void fellAsleep(long now) {
        asleepSince = now;
    }

    /** Hibernation thread: how long, as of {@code now}, the connection slept. */
    long sleptNanos(long now) {
        return now - asleepSince;
    }

    /** Sweeper: how long, as of {@code now}, nothing has been read from or written to the connection. */
    long quietNanos(long now) {
        int traffic = (int) READS.getOpaque(this) + (int) WRITES_DONE.getOpaque(this);
        if (traffic != trafficSeen) {
            trafficSeen = traffic;
            quietSince = now;
        }
        return now - quietSince;
    }

    /** Sweeper: how long, as of {@code now}, the frame begun has been waiting for its end; 0 between frames. */
    long openFrameNanos(long now) {
        long frame = (long) OPEN_FRAME.getOpaque(this);
        if (frame == 0) {
            frameSeen = 0;
            return 0;
        }
        if (frame != frameSeen) {
            frameSeen = frame;
            frameSince = now;
        }
        return now - frameSince;
    }

    /** Sweeper: how long, as of {@code now}, the write in progress has been blocked; 0 when none is. */
    long blockedNanos(long now) {
        int done = (int) WRITES_DONE.getOpaque(this);
        int started = (int) WRITES_STARTED.getOpaque(this);
        if (started == done) {
            writeSeen = false;
            return 0;
        }
        if (!writeSeen || started != blockedWrite) {
            writeSeen = true;
            blockedWrite = started;
            blockedSince = now;
        }
        return now - blockedSince;
    }
}

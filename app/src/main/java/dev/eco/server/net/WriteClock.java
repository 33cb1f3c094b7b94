package dev.eco.server.net;

/**
 * When the write in progress on a connection began, so that a write blocked by a client that does not read
 * can be found and ended, and when the last one finished, which counts as activity against the idle timeout
 * (see {@link Connections}). A few volatile writes per write call: cheap on the hot path.
 */
public final class WriteClock {

    private static final long IDLE = Long.MIN_VALUE;

    private volatile long since = IDLE;
    /** {@link System#nanoTime()} when the last write completed (or at creation): output counts as activity. */
    private volatile long lastWrite = System.nanoTime();

    public void start() {
        since = System.nanoTime();
    }

    public void stop() {
        since = IDLE;
        lastWrite = System.nanoTime();
    }

    public long lastWrite() {
        return lastWrite;
    }

    /** How long the write in progress has been blocked, in nanoseconds; 0 when none is. */
    public long blockedNanos(long now) {
        long started = since;
        return started == IDLE ? 0 : now - started;
    }
}

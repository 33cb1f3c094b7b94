package dev.eco.server;

/**
 * When the write in progress on a connection began, so that a write blocked by a client that does not read
 * can be found and ended (see {@link Connections}). Two volatile writes per write call: cheap on the hot path.
 */
final class WriteClock {

    private static final long IDLE = Long.MIN_VALUE;

    private volatile long since = IDLE;

    void start() {
        since = System.nanoTime();
    }

    void stop() {
        since = IDLE;
    }

    /** How long the write in progress has been blocked, in nanoseconds; 0 when none is. */
    long blockedNanos(long now) {
        long started = since;
        return started == IDLE ? 0 : now - started;
    }
}

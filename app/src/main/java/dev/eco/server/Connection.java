package dev.eco.server;

/** One accepted TCP connection, served on its own virtual thread; the {@link Connections} registry owns it. */
interface Connection extends Runnable {

    /** Stop reading: answer what was received, send the shutdown notice, then close. Called from another thread. */
    void beginShutdown();

    /** Close the socket now, unblocking any read or write. Called from another thread; safe more than once. */
    void forceClose();

    /** How long this connection's write in progress has been blocked, in nanoseconds; 0 when none is. */
    long writeBlockedNanos(long now);

    /** Ends a connection whose client has not read for too long: closed by force, logged with {@code why}. */
    void abandon(String why);
}

package dev.eco.server;

/** One accepted TCP connection, served on its own virtual thread; the {@link Connections} registry owns it. */
interface Connection extends Runnable {

    /** Stop reading: answer what was received, send the shutdown notice, then close. Called from another thread. */
    void beginShutdown();

    /** Close the socket now, unblocking any read or write. Called from another thread; safe more than once. */
    void forceClose();
}

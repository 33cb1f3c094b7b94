package dev.eco.server;

/** Where the bytes for one connection go. Implemented by the connection; by a recorder in tests. */
interface Outlet {

    /**
     * From now on other threads may queue to this connection (it is joining a room): queue everything and
     * write it from a writer thread, in queue order. Called by the connection's reader thread.
     */
    void openOutbox();

    /** Queues bytes without blocking; false when the connection's queue is full (a slow consumer). */
    boolean offer(byte[] bytes);

    /** Tells the connection it is a slow consumer (best effort) and disconnects it. Safe more than once. */
    void dropSlow(byte[] notice);
}

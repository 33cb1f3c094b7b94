package dev.eco.server.net;

import dev.eco.server.ServerMetrics.Close;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The open TCP connections of a server, line and raw together: admission against the connection limit,
 * the virtual threads of each, the sweeper that ends idle and stuck ones (and tells the readers whether the
 * server is busy, for their yield, and which connections are drowsy, for their {@link Hibernation}; with no
 * timeout and no hibernation there is no sweeper, no reader yields and none hibernates), and the drain at
 * shutdown.
 */
public final class Connections implements AutoCloseable {

    /** How often the sweeper looks at the connections, at most; a quarter of the shorter timeout when less. */
    private static final Duration MAX_SWEEP_PERIOD = Duration.ofSeconds(1);

    private final int max;
    private final Semaphore permits;
    private final Set<ConnectionHandler> open = ConcurrentHashMap.newKeySet();
    private final Duration idleTimeout;
    private final Duration writeTimeout;
    private final Duration hibernateAfter;
    private ScheduledExecutorService sweeper;
    /** Where drowsy connections wait without a thread; null when they never hibernate or before the sweeper starts. */
    private volatile Hibernation hibernation;
    /** The sweeper's: whether the server's CPU is busy, which the readers' yield follows. */
    private CpuLoad cpuLoad;

    private volatile boolean closing;

    /** {@link System#nanoTime()} until which shutting-down connections read on; set when shutdown begins. */
    private volatile long readUntil;

    /** No hibernation: every connection keeps its thread while it waits. */
    public Connections(int max, Duration idleTimeout, Duration writeTimeout) {
        this(max, idleTimeout, writeTimeout, Duration.ZERO);
    }

    /**
     * {@code idleTimeout}: a connection with no traffic either way this long is ended as idle;
     * {@code writeTimeout}: one whose write has been blocked this long (its client reads nothing) is closed;
     * {@code hibernateAfter}: one quiet this long is drowsy, and hibernates whenever it has nothing to read;
     * zero for never. One sweeper thread checks them all, so no read or write carries a timer of its own.
     */
    public Connections(int max, Duration idleTimeout, Duration writeTimeout, Duration hibernateAfter) {
        this.max = max;
        this.permits = new Semaphore(max);
        this.idleTimeout = idleTimeout;
        this.writeTimeout = writeTimeout;
        this.hibernateAfter = hibernateAfter;
    }

    /**
     * Starts the sweeper and hibernation, once the listeners are bound: a failed start must leave no thread
     * behind.
     */
    public synchronized void startSweeper() throws IOException {
        long shortest = Math.min(nonZero(idleTimeout), nonZero(writeTimeout));
        if (sweeper != null || (shortest == Long.MAX_VALUE && hibernateAfter.isZero()) || closing) {
            return;
        }
        if (!hibernateAfter.isZero()) {
            hibernation = new Hibernation(this::resume, hibernateAfter);
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("eco-sweeper").daemon(true).factory());
        long period = Math.max(10, Math.min(MAX_SWEEP_PERIOD.toMillis(), shortest / 4));
        cpuLoad = new CpuLoad();
        // sweep() logs its own failures and goes on (see there): nothing reads the future.
        var _ = sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    private static long nonZero(Duration timeout) {
        return timeout.isZero() ? Long.MAX_VALUE : timeout.toMillis();
    }

    /**
     * A scheduled task that throws is never run again, and every idle and write timeout would end with it
     * unnoticed: so a failure is logged and the sweep goes on with the next connection.
     */
    private void sweep() {
        long now = System.nanoTime();
        boolean busy = cpuLoad.busySinceLastLook(now);
        for (ConnectionHandler connection : open) {
            try {
                sweep(connection, now, busy);
            } catch (RuntimeException e) {
                Logger.error(e, "sweeper: checking a connection failed; it goes on with the others");
            }
        }
    }

    private void sweep(ConnectionHandler connection, long now, boolean busy) {
        connection.serverBusy(busy);
        long quiet = connection.idleNanos(now);
        connection.activity().drowsy(hibernating() && quiet >= hibernateAfter.toNanos());
        if (!writeTimeout.isZero() && connection.writeBlockedNanos(now) > writeTimeout.toNanos()) {
            connection.abandon(Close.WRITE_TIMEOUT);
        } else if (!idleTimeout.isZero() && quiet > idleTimeout.toNanos()) {
            connection.expireIdle();
        }
    }

    private boolean hibernating() {
        Hibernation current = hibernation;
        return current != null && current.isRunning();
    }

    /** Connections hibernated now, waiting without a thread; for a gauge and tests. */
    public int hibernated() {
        Hibernation current = hibernation;
        return current == null ? 0 : current.count();
    }

    /** Takes a place for a new connection, or returns false when the server is full or closing. */
    public boolean tryAdmit() {
        if (closing || !permits.tryAcquire()) {
            return false;
        }
        if (closing) {
            permits.release();
            return false;
        }
        return true;
    }

    /** Gives back a place taken by {@link #tryAdmit} for a connection that could not be started. */
    public void release() {
        permits.release();
    }

    /**
     * Starts an admitted connection on its own virtual thread, named after its peer. A new connection waits for
     * its first bytes hibernated, when hibernation runs.
     */
    public void start(ConnectionHandler connection, String threadName) {
        connection.activity().drowsy(hibernating());
        open.add(connection);
        try {
            Thread.ofVirtual().name(threadName).start(() -> turn(connection));
        } catch (RuntimeException | Error e) {
            open.remove(connection);
            permits.release();
            throw e;
        }
        if (closing) {
            connection.beginShutdown(readUntil); // admitted just as shutdown began, after its sweep
        }
    }

    /** A connection's turn on one of its threads; its thread's last act, when it hibernates, is to go to sleep. */
    private void turn(ConnectionHandler connection) {
        boolean hibernates = false;
        try {
            hibernates = connection.turn();
        } finally {
            if (!hibernates) {
                // Every admitted connection gives its place back exactly once, however it ended.
                open.remove(connection);
                permits.release();
            }
        }
        if (hibernates) {
            hibernation.sleep(connection); // from now on another thread may run its next turn
        }
    }

    /** Starts the next turn of a woken connection, on a new thread; on the hibernation thread. */
    private void resume(ConnectionHandler connection) {
        try {
            Thread.ofVirtual().name(connection.threadName()).start(() -> turn(connection));
        } catch (RuntimeException | Error e) { // no thread for it (out of memory): it cannot go on
            Logger.warn("{}: could not resume a hibernated connection: {}", connection.name(), e.toString());
            connection.forceClose();
            open.remove(connection);
            permits.release();
        }
    }

    public int count() {
        return max - permits.availablePermits();
    }

    public int max() {
        return max;
    }

    /**
     * Drains: asks each connection to finish, waits up to {@code grace} for all of them, then closes the rest
     * by force and waits briefly for their threads to notice.
     */
    public void shutdown(Duration grace) throws InterruptedException {
        long started = System.nanoTime();
        // Half the grace for reading what clients still send, the rest for answering it and the notice.
        readUntil = started + grace.toNanos() / 2;
        close(); // hibernated connections are awake from here on, each on its thread
        open.forEach(connection -> connection.beginShutdown(readUntil));
        try {
            // Every connection gives its place back when it ends: all places free means all ended.
            if (permits.tryAcquire(max, started + grace.toNanos() - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                permits.release(max);
                return;
            }
        } catch (InterruptedException e) {
            open.forEach(ConnectionHandler::forceClose); // asked to stop waiting: stop now
            throw e;
        }
        Logger.warn(
                "{} connection(s) still open after the {} ms shutdown grace; closing them",
                open.size(),
                grace.toMillis());
        open.forEach(ConnectionHandler::forceClose);
        if (permits.tryAcquire(max, 1, TimeUnit.SECONDS)) {
            permits.release(max);
        }
    }

    /**
     * Admits nothing more, stops the sweeper and wakes every hibernated connection (none hibernates again);
     * connections already open are left to {@link #shutdown}.
     */
    @Override
    public synchronized void close() {
        closing = true;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (hibernation != null) {
            hibernation.close();
        }
    }
}

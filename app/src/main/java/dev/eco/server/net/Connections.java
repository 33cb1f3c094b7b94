package dev.eco.server.net;

import dev.eco.server.ServerMetrics.Close;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The open TCP connections of a server, every listener's together (line, raw, TLS, WebSocket): admission against the connection limit,
 * the virtual thread of each, the sweeper that ends idle and stuck ones (and tells the readers whether the
 * server is busy, for their yield; with no timeout there is no sweeper and no reader yields), and the drain
 * at shutdown.
 */
public final class Connections implements AutoCloseable {

    /** How often the sweeper looks at the connections, at most; a quarter of the shorter timeout when less. */
    private static final Duration MAX_SWEEP_PERIOD = Duration.ofSeconds(1);

    private final int max;
    private final Semaphore permits;
    private final Map<ConnectionHandler, Thread> open = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Duration writeTimeout;
    private ScheduledExecutorService sweeper;
    /** The sweeper's: whether the server's CPU is busy, which the readers' yield follows. */
    private CpuLoad cpuLoad;

    private volatile boolean closing;

    /** {@link System#nanoTime()} until which shutting-down connections read on; set when shutdown begins. */
    private volatile long readUntil;

    /**
     * {@code idleTimeout}: a connection with no traffic either way this long is ended as idle;
     * {@code writeTimeout}: one whose write has been blocked this long (its client reads nothing) is closed;
     * zero for never. One sweeper thread checks them all, so no read or write carries a timer of its own.
     */
    public Connections(int max, Duration idleTimeout, Duration writeTimeout) {
        this.max = max;
        this.permits = new Semaphore(max);
        this.idleTimeout = idleTimeout;
        this.writeTimeout = writeTimeout;
    }

    /** Starts the sweeper, once the listeners are bound: a failed start must leave no thread behind. */
    public synchronized void startSweeper() {
        long shortest = Math.min(nonZero(idleTimeout), nonZero(writeTimeout));
        if (sweeper != null || shortest == Long.MAX_VALUE || closing) {
            return;
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
        for (ConnectionHandler connection : open.keySet()) {
            try {
                sweep(connection, now, busy);
            } catch (RuntimeException e) {
                Logger.error(e, "sweeper: checking a connection failed; it goes on with the others");
            }
        }
    }

    private void sweep(ConnectionHandler connection, long now, boolean busy) {
        connection.serverBusy(busy);
        if (!writeTimeout.isZero() && connection.writeBlockedNanos(now) > writeTimeout.toNanos()) {
            connection.abandon(Close.WRITE_TIMEOUT);
        } else if (!idleTimeout.isZero() && connection.idleNanos(now) > idleTimeout.toNanos()) {
            connection.expireIdle();
        }
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

    /** Starts an admitted connection on its own virtual thread, named after its peer. */
    public void start(ConnectionHandler connection, String threadName) {
        Thread thread = Thread.ofVirtual().name(threadName).unstarted(() -> {
            try {
                connection.run();
            } finally {
                // Every admitted connection gives its place back exactly once, however it ended.
                open.remove(connection);
                permits.release();
            }
        });
        open.put(connection, thread);
        try {
            thread.start();
        } catch (RuntimeException | Error e) {
            open.remove(connection);
            permits.release();
            throw e;
        }
        if (closing) {
            connection.beginShutdown(readUntil); // admitted just as shutdown began, after its sweep
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
        close();
        open.keySet().forEach(connection -> connection.beginShutdown(readUntil));
        long deadline = started + grace.toNanos();
        try {
            for (Thread thread : open.values()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            open.keySet().forEach(ConnectionHandler::forceClose); // asked to stop waiting: stop now
            throw e;
        }
        if (!open.isEmpty()) {
            Logger.warn(
                    "{} still open after the {} ms shutdown grace; closing them",
                    Plural.of(open.size(), "connection"),
                    grace.toMillis());
            open.keySet().forEach(ConnectionHandler::forceClose);
            for (Thread thread : open.values()) {
                thread.join(Duration.ofSeconds(1));
            }
        }
    }

    /** Admits nothing more and stops the sweeper; connections already open are left to {@link #shutdown}. */
    @Override
    public synchronized void close() {
        closing = true;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }
}

package dev.eco.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The open TCP connections of a server, line and raw together: admission against the connection limit,
 * the virtual thread of each, and the drain at shutdown.
 */
final class Connections {

    /** How often the watchdog looks for writes blocked longer than the write timeout. */
    private static final Duration WATCH_PERIOD = Duration.ofSeconds(1);

    private final int max;
    private final Semaphore permits;
    private final Map<Connection, Thread> open = new ConcurrentHashMap<>();
    private final Duration writeTimeout;
    private final ScheduledExecutorService watchdog;
    private volatile boolean closing;

    /**
     * {@code writeTimeout}: a connection whose write has been blocked this long (its client reads nothing) is
     * closed; zero for never. Without it, such a client would hold its place and thread until shutdown.
     */
    Connections(int max, Duration writeTimeout) {
        this.max = max;
        this.permits = new Semaphore(max);
        this.writeTimeout = writeTimeout;
        if (writeTimeout.isZero()) {
            this.watchdog = null;
        } else {
            this.watchdog = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("eco-write-watchdog").daemon(true).factory());
            long period = WATCH_PERIOD.toMillis();
            watchdog.scheduleWithFixedDelay(this::abandonBlockedWriters, period, period, TimeUnit.MILLISECONDS);
        }
    }

    private void abandonBlockedWriters() {
        long now = System.nanoTime();
        long limit = writeTimeout.toNanos();
        for (Connection connection : open.keySet()) {
            if (connection.writeBlockedNanos(now) > limit) {
                connection.abandon("write timeout (the client read nothing for " + writeTimeout.toMillis() + " ms)");
            }
        }
    }

    /** Takes a place for a new connection, or returns false when the server is full or closing. */
    boolean tryAdmit() {
        if (closing || !permits.tryAcquire()) {
            return false;
        }
        if (closing) {
            permits.release();
            return false;
        }
        return true;
    }

    /** Starts an admitted connection on its own virtual thread, named after its peer. */
    void start(Connection connection, String threadName) {
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
        thread.start();
        if (closing) {
            connection.beginShutdown(); // admitted just as shutdown began, after its sweep
        }
    }

    int count() {
        return max - permits.availablePermits();
    }

    int max() {
        return max;
    }

    /**
     * Drains: asks each connection to finish, waits up to {@code grace} for all of them, then closes the rest
     * by force and waits briefly for their threads to notice.
     */
    void shutdown(Duration grace) throws InterruptedException {
        closing = true;
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        open.keySet().forEach(Connection::beginShutdown);
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            for (Thread thread : open.values()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            open.keySet().forEach(Connection::forceClose); // asked to stop waiting: stop now, leave nothing open
            throw e;
        }
        if (!open.isEmpty()) {
            Logger.warn("{} connection(s) still open after the {} ms shutdown grace; closing them", open.size(),
                    grace.toMillis());
            open.keySet().forEach(Connection::forceClose);
            for (Thread thread : open.values()) {
                thread.join(Duration.ofSeconds(1));
            }
        }
    }
}

package dev.eco.server.net;

import dev.eco.server.Loops;
import dev.eco.server.ServerLoop;
import dev.eco.server.ServerMetrics.Close;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * The one thread that keeps every connection's timeouts ({@link Timeouts}): each sweep it looks at each open
 * connection's {@link Activity}, ends the idle, the stuck and those whose frame takes too long, and tells the
 * readers whether the server is busy, for their yield. With no timeout there is no sweeper and no reader yields.
 */
final class Sweeper {

    /** How often the sweeper looks at the connections, at most; a quarter of the shortest timeout when less. */
    static final Duration MAX_PERIOD = Duration.ofSeconds(1);
    /** A failure while checking one connection is logged at most once per this period, with the count of others. */
    static final Duration LOG_PERIOD = Duration.ofSeconds(10);

    private final Timeouts timeouts;
    private final Supplier<Collection<ConnectionHandler>> open;
    private final Loops loops;
    private final QuietLog failures = new QuietLog(LOG_PERIOD);
    private ScheduledExecutorService executor;
    /** Whether the server's CPU is busy, which the readers' yield follows; the sweeper thread's. */
    private CpuLoad cpuLoad;

    Sweeper(Timeouts timeouts, Supplier<Collection<ConnectionHandler>> open, Loops loops) {
        this.timeouts = timeouts;
        this.open = open;
        this.loops = loops;
    }

    /** Starts sweeping, when any timeout is on; once. */
    synchronized void start() {
        long shortest = timeouts.shortestMillis();
        if (executor != null || shortest == Long.MAX_VALUE) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("eco-sweeper").daemon(true).factory());
        long period = Math.max(10, Math.min(MAX_PERIOD.toMillis(), shortest / 4));
        cpuLoad = new CpuLoad();
        // sweep() reports its own end (see there): nothing reads the future.
        var _ = executor.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /**
     * A scheduled task that throws is never run again, and every timeout would end with it: so an exception
     * while checking one connection is logged (once per {@link #LOG_PERIOD}) and the sweep goes on with the
     * next. An {@link Error} ends the sweeper, and is reported to the {@link Loops}, which the health check reads.
     */
    private void sweep() {
        try {
            long now = System.nanoTime();
            boolean busy = cpuLoad.busySinceLastLook(now);
            for (ConnectionHandler connection : open.get()) {
                try {
                    sweep(connection, now, busy);
                } catch (RuntimeException e) {
                    failed(e, connection.name());
                }
            }
        } catch (RuntimeException e) {
            failed(e, "the connections");
        } catch (Error e) {
            loops.ended(ServerLoop.SWEEPER, e);
            throw e;
        }
    }

    private void failed(RuntimeException e, String what) {
        long skipped = failures.tryLog(System.nanoTime());
        if (skipped >= 0) {
            Logger.error(
                    e,
                    "sweeper: checking {} failed; it goes on{}",
                    what,
                    skipped == 0 ? "" : " (and " + skipped + " more failures not logged)");
        }
    }

    private void sweep(ConnectionHandler connection, long now, boolean busy) {
        connection.serverBusy(busy);
        if (exceeds(timeouts.write(), connection.writeBlockedNanos(now))) {
            connection.abandon(Close.WRITE_TIMEOUT);
        } else if (exceeds(timeouts.frame(), connection.openFrameNanos(now))) {
            connection.expireFrame();
        } else if (exceeds(timeouts.idle(), connection.idleNanos(now))) {
            connection.expireIdle();
        }
    }

    private static boolean exceeds(Duration timeout, long nanos) {
        return !timeout.isZero() && nanos > timeout.toNanos();
    }
}

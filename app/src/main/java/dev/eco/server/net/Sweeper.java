package dev.eco.server.net;

import dev.eco.server.Loops;
import dev.eco.server.ServerLoop;
import dev.eco.server.ServerMetrics.Close;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * The one thread that keeps every connection's timeouts ({@link Timeouts}): each sweep it looks at each open
 * connection's {@link Activity}, ends the idle, the stuck and those whose frame takes too long, and tells which
 * connections are drowsy, quiet long enough to hibernate ({@link Hibernation}). With no timeout and no
 * hibernation there is no sweeper and no connection hibernates.
 */
final class Sweeper {

    /** How often the sweeper looks at the connections, at most; a quarter of the shortest timeout when less. */
    static final Duration MAX_PERIOD = Duration.ofSeconds(1);
    /** A failure while checking one connection is logged at most once per this period, with the count of others. */
    static final Duration LOG_PERIOD = Duration.ofSeconds(10);

    private final Timeouts timeouts;
    /** A connection quiet this long is drowsy; zero: none ever is. */
    private final Duration hibernateAfter;
    /** Whether hibernation runs: once it has stopped, no connection is drowsy. */
    private final BooleanSupplier hibernating;

    private final Supplier<Collection<ConnectionHandler>> open;
    private final Loops loops;
    private final QuietLog failures = new QuietLog(LOG_PERIOD);
    private ScheduledExecutorService executor;

    Sweeper(
            Timeouts timeouts,
            Duration hibernateAfter,
            BooleanSupplier hibernating,
            Supplier<Collection<ConnectionHandler>> open,
            Loops loops) {
        this.timeouts = timeouts;
        this.hibernateAfter = hibernateAfter;
        this.hibernating = hibernating;
        this.open = open;
        this.loops = loops;
    }

    /** Starts sweeping, when any timeout or hibernation is on; once. */
    synchronized void start() {
        long shortest = timeouts.shortestMillis();
        if (executor != null || (shortest == Long.MAX_VALUE && hibernateAfter.isZero())) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("eco-sweeper").daemon(true).factory());
        long period = Math.max(10, Math.min(MAX_PERIOD.toMillis(), shortest / 4));
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
            long drowsyAfter =
                    !hibernateAfter.isZero() && hibernating.getAsBoolean() ? hibernateAfter.toNanos() : Long.MAX_VALUE;
            for (ConnectionHandler connection : open.get()) {
                try {
                    sweep(connection, now, drowsyAfter);
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

    private void sweep(ConnectionHandler connection, long now, long drowsyAfter) {
        Activity activity = connection.activity();
        long quiet = activity.quietNanos(now);
        activity.drowsy(quiet >= drowsyAfter);
        if (exceeds(timeouts.write(), activity.blockedNanos(now))) {
            connection.abandon(Close.WRITE_TIMEOUT);
        } else if (exceeds(timeouts.frame(), activity.openFrameNanos(now))) {
            connection.expireFrame();
        } else if (exceeds(timeouts.idle(), quiet)) {
            connection.expireIdle();
        }
    }

    private static boolean exceeds(Duration timeout, long nanos) {
        return !timeout.isZero() && nanos > timeout.toNanos();
    }
}

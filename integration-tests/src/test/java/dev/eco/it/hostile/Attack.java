package dev.eco.it.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs an attack on a thread of its own while a well-behaved client ({@link Probe}) keeps asking, then reports both. */
final class Attack {

    /** How long an attack of the verify scale may run before the test gives up on it. */
    static final Duration LIMIT = Duration.ofSeconds(Long.getLong("hostile.limitSeconds", 40));

    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);

    interface Body {
        void run() throws Exception;
    }

    /** A well-behaved client: one round trip within its bound, or an AssertionError. */
    interface Asker {
        void roundTrip() throws IOException;
    }

    private Attack() {}

    /**
     * Runs {@code body} and probes every 100 ms until it ends (at least once during it), then once after; the
     * attack's own failure fails the test. Prints what it saw, for docs/security.md.
     */
    static void during(String name, Asker probe, Body body) throws Exception {
        during(name, LIMIT, probe, body);
    }

    /** {@link #during(String, Asker, Body)} for an attack that lasts longer than {@link #LIMIT} by design. */
    static void during(String name, Duration limit, Asker probe, Body body) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Void> attack = new CompletableFuture<>();
        Thread.ofPlatform().name("attack-" + name).daemon(true).start(() -> {
            try {
                body.run();
                attack.complete(null);
            } catch (Throwable e) {
                attack.completeExceptionally(e);
            }
        });
        long during = 0;
        while (!attack.isDone()) {
            probe.roundTrip();
            during++;
            waitFor(attack, PROBE_INTERVAL); // the pause between probes, cut short when the attack ends
            assertTrue(System.nanoTime() - start < limit.toNanos(), name + " ran longer than " + limit);
        }
        try {
            attack.get();
        } catch (ExecutionException e) {
            throw new AssertionError(name + " failed", e.getCause());
        }
        probe.roundTrip();
        System.out.printf(
                "%s: %d ms, %d probes during it; %s%n",
                name, Duration.ofNanos(System.nanoTime() - start).toMillis(), during, probe);
    }

    private static void waitFor(CompletableFuture<Void> attack, Duration pause)
            throws InterruptedException, IOException {
        try {
            attack.get(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running, or failed: during() reports it
        }
    }
}

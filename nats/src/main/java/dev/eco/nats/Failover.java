package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * One NATS operation, tried again while the cluster heals, then told as eco's failure. When a NATS server dies,
 * the streams it led elect a new leader (nats-server 2.9 takes 4 to 9 s) and every request meanwhile fails at
 * once with "503 no responders", or times out; a node whose server died reconnects to another within
 * milliseconds. So an operation is tried again every {@link #RETRY_EVERY} for up to
 * {@link NatsSettings#failoverWait()}, and answered {@code unavailable} only then, or at once when the node has
 * no connection and does not get one back within {@link #RECONNECT_GRACE}.
 *
 * <p>Trying again is safe for everything eco writes: a publish carries its {@code Nats-Msg-Id}, so a retry
 * after a lost acknowledgement is stored once; a key-value create or compare-and-set retried after a lost
 * acknowledgement fails with "wrong last sequence", which each caller settles by reading again. The caller
 * waits meanwhile, which keeps each sender's order.
 */
final class Failover {

    /** An operation against NATS. */
    interface Operation<T> {
        T run() throws IOException, JetStreamApiException;
    }

    /** How long an operation waits for a lost connection to come back (to any server) before it is refused. */
    static final Duration RECONNECT_GRACE = Duration.ofSeconds(1);

    static final Duration RETRY_EVERY = Duration.ofMillis(150);
    /**
     * JetStream's answers that mean "not now" while its cluster recovers: 10008 temporarily unavailable, 10006
     * cluster not active, 10009 not the leader.
     */
    private static final Set<Integer> TRANSIENT = Set.of(10006, 10008, 10009);

    private Failover() {}

    /**
     * Runs {@code operation}, trying again while NATS fails over.
     *
     * @param refused the start of the sentence when NATS refuses the operation outright
     * @throws NatsUnavailableException {@code unavailable} when NATS did not come back in time; a refusal as
     *                                  {@code refused: reason}
     */
    static <T> T call(NatsLink link, String refused, Operation<T> operation) throws NatsUnavailableException {
        Duration budget = link.settings().failoverWait();
        long deadline = System.nanoTime() + budget.toNanos();
        Exception last = null;
        while (true) {
            if (!link.awaitAvailable(RECONNECT_GRACE)) {
                NatsUnavailableException away = link.unavailable();
                if (last != null) {
                    away.addSuppressed(last);
                }
                throw away;
            }
            try {
                return operation.run();
            } catch (IOException | IllegalStateException e) {
                // IOException: a timeout, or 503 while a leader is elected; IllegalStateException: jnats cannot
                // send while it reconnects
                last = e;
            } catch (JetStreamApiException e) {
                if (!TRANSIENT.contains(e.getApiErrorCode())) {
                    throw new NatsUnavailableException(refused + ": " + e.getMessage(), e);
                }
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new NatsUnavailableException(
                        "the rooms are unavailable: NATS did not answer within " + budget.toSeconds() + " s", last);
            }
            try {
                Thread.sleep(RETRY_EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // kept for the caller's thread to see
                throw new NatsUnavailableException("the rooms are unavailable: interrupted while NATS failed over", e);
            }
        }
    }
}

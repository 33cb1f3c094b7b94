package dev.eco.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Judging by each node's own TTL on the judge's clock (times in seconds, as nanoseconds). */
class NodeWatchTest {

    private static final long S = 1_000_000_000L;
    private final NodeWatch watch = new NodeWatch(6 * S, 5 * S);

    @Test
    void eachNodeIsJudgedByItsOwnTtl() {
        List<NodeWatch.Beat> beats =
                List.of(new NodeWatch.Beat("quick", 1, 3 * S), new NodeWatch.Beat("patient", 2, 30 * S));
        for (long t = 0; t <= 4; t++) {
            watch.observe(beats, t * S); // neither renews
        }
        assertTrue(watch.dead("quick", 4 * S), "3 s without a beat, with a TTL of 3 s");
        assertFalse(watch.dead("patient", 4 * S), "its TTL is 30 s, whatever this node's own is");
        assertEquals(1, watch.judgedRevision("quick"));
    }

    @Test
    void aRenewedHeartbeatStartsTheClockAgain() {
        watch.observe(List.of(new NodeWatch.Beat("n", 1, 3 * S)), 0);
        watch.observe(List.of(new NodeWatch.Beat("n", 1, 3 * S)), 2 * S);
        watch.observe(List.of(new NodeWatch.Beat("n", 2, 3 * S)), 4 * S);
        watch.observe(List.of(new NodeWatch.Beat("n", 2, 3 * S)), 6 * S);
        assertFalse(watch.dead("n", 6 * S));
        watch.observe(List.of(new NodeWatch.Beat("n", 2, 3 * S)), 7 * S);
        assertTrue(watch.dead("n", 7 * S));
    }

    @Test
    void nobodyIsJudgedAfterThisNodeCouldNotWatch() {
        watch.observe(List.of(new NodeWatch.Beat("n", 1, 3 * S)), 0);
        assertFalse(watch.dead("n", 10 * S), "10 s unwatched: this node knows nothing of them");
        watch.observe(List.of(new NodeWatch.Beat("n", 1, 3 * S)), 10 * S); // back: every clock starts again
        assertFalse(watch.dead("n", 10 * S));
        watch.observe(List.of(new NodeWatch.Beat("n", 1, 3 * S)), 12 * S);
        watch.observe(List.of(new NodeWatch.Beat("n", 1, 3 * S)), 13 * S);
        assertTrue(watch.dead("n", 13 * S), "a full TTL watched after the gap");
    }

    @Test
    void anOwnerWithoutHeartbeatIsJudgedByThisNodesTtlFromWhenItWasFirstLookedFor() {
        watch.observe(List.of(), 0);
        assertFalse(watch.dead("ghost", 0));
        for (long t = 1; t <= 6; t++) {
            watch.observe(List.of(), t * S);
        }
        assertTrue(watch.dead("ghost", 6 * S));
        assertEquals(NodeWatch.NEVER, watch.judgedRevision("ghost"));
        watch.forget("ghost");
        assertFalse(watch.dead("ghost", 6 * S), "forgotten, it is looked for again from now on");
    }
}

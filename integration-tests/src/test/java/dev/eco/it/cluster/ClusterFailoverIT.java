package dev.eco.it.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.NatsCluster;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two eco nodes on a real three-server NATS cluster (replicas 3), members on both talking, while the cluster
 * loses a server: SIGKILL of the server that leads the room stream, and a rolling restart of all three. The
 * rooms answer again within seconds, and {@link Traffic} checks that nothing acknowledged was lost, that every
 * member recorded the same sequence with the same seq, and that nobody saw a message twice. The cluster is
 * shared by the tests (each test leaves it whole, and uses a stream prefix of its own).
 */
class ClusterFailoverIT {

    /** nats-server 2.9 elects a new leader within 9 s; this leaves room for a loaded machine. */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(40);

    private static NatsCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = NatsCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killingTheServerThatLeadsTheRoomsLosesNothingAndTheRoomsAnswerAgain() throws Exception {
        try (ServedNodes nodes = new ServedNodes()) {
            nodes.start(cluster.urls(), "a");
            nodes.start(cluster.urls(), "b");
            int leader = -1;
            try (Traffic traffic = Traffic.start(nodes, "lobby")) {
                traffic.awaitMore(30, RECOVERY_LIMIT);
                leader = cluster.leaderOf(nodes.streamName());
                assertTrue(leader >= 0, "no leader found for " + nodes.streamName());
                long killed = System.nanoTime();
                cluster.kill(leader);
                traffic.awaitMore(30, RECOVERY_LIMIT); // the rooms answer again
                System.out.printf(
                        "SIGKILL of n%d, the leader of the room stream: 30 more messages acknowledged %d ms after"
                                + " the kill; the longest a talker waited for an answer was %d ms%n",
                        leader, (System.nanoTime() - killed) / 1_000_000, traffic.longestWaitMillis());
                traffic.stopAndVerify();
            } finally {
                if (leader >= 0) {
                    cluster.startAgain(leader); // whole again for the next test
                }
            }
        }
    }

    @Test
    void aRollingRestartOfTheThreeServersLosesNothing() throws Exception {
        try (ServedNodes nodes = new ServedNodes()) {
            nodes.start(cluster.urls(), "a");
            nodes.start(cluster.urls(), "b");
            try (Traffic traffic = Traffic.start(nodes, "lobby")) {
                traffic.awaitMore(30, RECOVERY_LIMIT);
                for (int i = 0; i < NatsCluster.SIZE; i++) {
                    long step = System.nanoTime();
                    cluster.stop(i);
                    cluster.startAgain(i);
                    traffic.awaitMore(20, RECOVERY_LIMIT);
                    System.out.printf(
                            "rolling restart of n%d: stopped, started, healthy and 20 more messages acknowledged in"
                                    + " %d ms; the longest wait for an answer so far %d ms%n",
                            i, (System.nanoTime() - step) / 1_000_000, traffic.longestWaitMillis());
                }
                traffic.stopAndVerify();
            }
        }
    }
}

package dev.eco.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.NatsServer;
import dev.eco.nats.NatsNode;
import dev.eco.nats.NatsSettings;
import dev.eco.nats.NatsUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * NATS is killed and started again under two running nodes while a member keeps talking: the nodes say
 * {@code unavailable} meanwhile, reconnect by themselves, and every member sees every acknowledged message
 * exactly once, in one order, with nothing repeated.
 */
class NatsRestartIT {

    /**
     * What the stream keeps of a room in this test ({@code keptPerRoom}), more than is said in it. A node that
     * resumes reading after more than {@code keptPerRoom} new messages in a room misses that room's oldest ones
     * (docs/cluster.md), and after the restart the nodes reconnect up to a reconnect wait plus jitter (350 ms) apart,
     * while the talker, waiting for each acknowledgement, says 3,000 to 4,500 messages a second here: with the default
     * 1,000, node b missed the oldest of them in about one run in seven.
     */
    private static final int KEPT = 50_000;
    /** The most the talker says; the listener says one more. */
    private static final int MOST_SAID = KEPT / 2;

    private static NatsSettings keepingAll(Nodes nodes, String name) {
        return nodes.settings(name).toBuilder().keptPerRoom(KEPT).build();
    }

    /** The last messages seen, to tell a gap from a reused sequence number. */
    private static String around(List<String> seen) {
        return seen.subList(Math.max(0, seen.size() - 40), seen.size()).toString();
    }

    @Test
    void acknowledgedMessagesSurviveANatsRestartOnceAndInOrder() throws Exception {
        try (NatsServer nats = NatsServer.start();
                Nodes nodes = new Nodes(nats)) {
            NatsNode a = nodes.start(keepingAll(nodes, "a"));
            NatsNode b = nodes.start(keepingAll(nodes, "b"));
            TestMember talker = TestMember.join(a, "talker", "lobby");
            TestMember listener = TestMember.join(b, "listener", "lobby");
            List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            List<String> refused = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean running = new AtomicBoolean(true);
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            Thread talking = Thread.ofVirtual().name("talker").start(() -> {
                for (int i = 0; running.get() && i < MOST_SAID; i++) {
                    String text = "m" + i;
                    try {
                        acknowledged.add(talker.say(text) + " talker \"" + text + "\"");
                    } catch (NatsUnavailableException e) {
                        refused.add(text);
                        while (running.get() && !a.available()) {
                            LockSupport.parkNanos(
                                    1_000_000); // the test restarts NATS; talk again within 1 ms of its return
                        }
                    }
                }
            });
            try {
                await("acknowledged before").atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= 50);

                nats.kill();
                await("both nodes notice").atMost(Duration.ofSeconds(10)).until(() -> !a.available() && !b.available());
                NatsUnavailableException away =
                        assertThrows(NatsUnavailableException.class, () -> listener.say("lost"));
                assertTrue(away.getMessage().contains("unavailable"), away.getMessage());
                assertThrows(NatsUnavailableException.class, () -> b.registry().members("lobby"));

                nats.startAgain();
                await("both nodes reconnect")
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> a.available() && b.available());
                int before = acknowledged.size();
                await("acknowledged after the restart")
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> acknowledged.size() >= before + 50);
            } finally {
                running.set(false);
                talking.join(Duration.ofSeconds(10));
            }
            // Right after a restart JetStream may still be recovering its store: the first publish may time out.
            long back = await("node b publishes again")
                    .atMost(Duration.ofSeconds(20))
                    .until(
                            () -> {
                                try {
                                    return listener.say("back");
                                } catch (NatsUnavailableException e) {
                                    failures.add(e.getMessage() + " / " + e.getCause());
                                    return 0L;
                                }
                            },
                            seq -> seq > 0);
            System.out.println("node b's failed tries before it published again: " + failures);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> listener.messages().contains(back + " listener \"back\""));
            // The talker's publish in flight at the kill was either retried (same Nats-Msg-Id) once NATS was back, or
            // refused; a refused one may still have been stored, and then everyone sees it once (checked below).
            System.out.println(acknowledged.size() + " acknowledged, refused while NATS was away: " + refused);

            for (TestMember member : List.of(talker, listener)) {
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertEquals(
                                List.of(),
                                acknowledged.stream()
                                        .filter(m -> !member.messages().contains(m))
                                        .toList(),
                                member.nick + " lacks acknowledged messages; it saw " + around(member.messages())));
                List<String> seen = member.messages();
                assertEquals(seen.stream().distinct().toList(), seen, member.nick + " saw a message twice");
                long previous = 0;
                int lastNumber = -1;
                for (String line : seen) {
                    long seq = Long.parseLong(line.substring(0, line.indexOf(' ')));
                    assertTrue(seq > previous, member.nick + ": seq " + seq + " after " + previous);
                    previous = seq;
                    if (line.contains(" talker ")) {
                        int number = Integer.parseInt(line.substring(line.indexOf("\"m") + 2, line.length() - 1));
                        assertTrue(number > lastNumber, member.nick + ": m" + number + " after m" + lastNumber);
                        lastNumber = number;
                    }
                }
            }
            assertEquals(talker.messages(), listener.messages(), "one order on both nodes");
            assertEquals(List.of("talker", "listener"), a.registry().members("lobby"), "the registry survived too");
        }
    }
}

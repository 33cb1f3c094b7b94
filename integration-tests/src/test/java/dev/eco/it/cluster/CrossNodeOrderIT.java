package dev.eco.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.NatsServer;
import dev.eco.nats.NatsNode;
import dev.eco.nats.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Several senders on three nodes: every member on every node sees one sequence, with the same seq values. */
class CrossNodeOrderIT {

    private static final int NODES = 3;
    private static final int MEMBERS_PER_NODE = 2;
    private static final int MESSAGES_PER_SENDER = 150;

    @Test
    void everyMemberOnEveryNodeSeesOneOrderWithTheSameSeq() throws Exception {
        try (NatsServer nats = NatsServer.start();
                Nodes nodes = new Nodes(nats)) {
            List<NatsNode> started = new ArrayList<>();
            List<TestMember> members = new ArrayList<>();
            for (int n = 0; n < NODES; n++) {
                started.add(nodes.start("node" + n));
            }
            for (int m = 0; m < MEMBERS_PER_NODE; m++) {
                for (int n = 0; n < NODES; n++) {
                    members.add(
                            TestMember.join(started.get(n), "m" + n + "x" + m, n == 0 && m == 0 ? "Lobby" : "lobby"));
                }
            }
            List<TestMember> senders = members.subList(0, NODES); // one on each node
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> sending = new ArrayList<>();
                for (TestMember sender : senders) {
                    sending.add(pool.submit(() -> {
                        for (int i = 0; i < MESSAGES_PER_SENDER; i++) {
                            sender.say(sender.nick + "-" + i);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : sending) {
                    f.get();
                }
            }
            int total = NODES * MESSAGES_PER_SENDER;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> members.stream().allMatch(m -> m.messages().size() >= total));

            List<String> reference = members.getFirst().messages();
            assertEquals(total, reference.size());
            for (TestMember member : members) {
                assertEquals(
                        reference,
                        member.messages(),
                        member.nick + " on " + member.node.settings().node() + " saw another order than "
                                + members.getFirst().nick);
            }
            long previous = 0;
            for (String line : reference) {
                long seq = Long.parseLong(line.substring(0, line.indexOf(' ')));
                assertTrue(seq > previous, "seq must strictly increase: " + seq + " after " + previous);
                previous = seq;
            }
            for (TestMember sender : senders) {
                List<String> own = reference.stream()
                        .filter(l -> l.contains(" " + sender.nick + " "))
                        .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                        .toList();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < MESSAGES_PER_SENDER; i++) {
                    expected.add("\"" + sender.nick + "-" + i + "\"");
                }
                assertEquals(expected, own, "the order of " + sender.nick + "'s own messages");
            }

            // /who and /rooms cover all nodes, in join order, with the room named as first created.
            for (NatsNode node : started) {
                assertEquals(
                        members.stream().map(m -> m.nick).toList(),
                        node.registry().members("LOBBY"));
                assertEquals(
                        List.of(new Registry.RoomSize("Lobby", NODES * MEMBERS_PER_NODE)),
                        node.registry().rooms());
            }
        }
    }

    @Test
    void presenceReachesEveryNodeInTheRoomsOrder() throws Exception {
        try (NatsServer nats = NatsServer.start();
                Nodes nodes = new Nodes(nats)) {
            NatsNode a = nodes.start("a");
            NatsNode b = nodes.start("b");
            TestMember first = TestMember.join(a, "first", "lobby");
            TestMember watcher = TestMember.join(b, "watcher", "lobby");
            TestMember late = TestMember.join(a, "late", "lobby");
            late.say("hi");
            late.leave();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> first.events().size() == 4 && watcher.events().size() == 3);
            assertEquals(watcher.events(), first.events().subList(1, 4), "one order on both nodes");
            assertEquals(
                    List.of("watcher", "late", "late", "late"),
                    first.events().stream()
                            .map(e -> switch (e) {
                                case dev.eco.nats.RoomEvent.Said s -> s.from();
                                case dev.eco.nats.RoomEvent.Entered en -> en.nick();
                                case dev.eco.nats.RoomEvent.Exited ex -> ex.nick();
                                case dev.eco.nats.RoomEvent.Renamed r -> r.nick();
                            })
                            .toList());
            assertEquals(List.of("first", "watcher"), b.registry().members("lobby"));
            assertTrue(b.registry().claimNick("late", b.newMember()), "a member who left frees its name");
        }
    }
}

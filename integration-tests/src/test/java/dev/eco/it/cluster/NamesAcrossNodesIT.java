package dev.eco.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.NatsServer;
import dev.eco.nats.MemberRef;
import dev.eco.nats.NatsNode;
import dev.eco.nats.RoomEvent;
import dev.eco.nats.RoomLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Nicknames are unique across nodes regardless of case, and a killed node's names and memberships are freed. */
class NamesAcrossNodesIT {

    @Test
    void aNameIsHeldByOneMemberOnAllNodes() throws Exception {
        try (NatsServer nats = NatsServer.start();
                Nodes nodes = new Nodes(nats)) {
            NatsNode a = nodes.start("a");
            NatsNode b = nodes.start("b");
            MemberRef alice = a.newMember();
            MemberRef other = b.newMember();
            assertTrue(a.registry().claimNick("Alice", alice));
            assertFalse(b.registry().claimNick("alice", other), "the same name in another case, on another node");
            assertTrue(a.registry().claimNick("ALICE", alice), "the holder may claim its own name again");
            b.registry().releaseNick("alice", other); // not the holder: nothing happens
            assertFalse(b.registry().claimNick("alice", other));
            a.registry().releaseNick("Alice", alice);
            assertTrue(b.registry().claimNick("alice", other), "freed by its holder");

            Set<String> guests = new HashSet<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<String>> claims = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    NatsNode node = i % 2 == 0 ? a : b;
                    claims.add(pool.submit(() -> node.registry().claimGuest(node.newMember())));
                }
                for (Future<String> claim : claims) {
                    guests.add(claim.get());
                }
            }
            assertEquals(20, guests.size(), "guest names are unique across nodes: " + guests);
        }
    }

    @Test
    void aKilledNodesMembersLeaveOnceAndItsNamesAreFreed() throws Exception {
        try (NatsServer nats = NatsServer.start();
                Nodes nodes = new Nodes(nats)) {
            NatsNode a = nodes.start("a");
            NatsNode b = nodes.start("b");
            TestMember onA = TestMember.join(a, "onA", "lobby");
            TestMember onB = TestMember.join(b, "onB", "lobby");
            Process doomed = NodeProcess.start(nats.url(), nodes.prefix, "lobby", "ghost1", "Ghost2");
            try {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> a.registry().members("lobby").size() == 4);
                assertFalse(b.registry().claimNick("ghost1", b.newMember()));
                doomed.destroyForcibly(); // SIGKILL: no goodbye, its heartbeat just stops
                assertTrue(doomed.waitFor(10, TimeUnit.SECONDS));
                long killed = System.nanoTime();

                await().atMost(Duration.ofSeconds(15))
                        .until(() -> onA.count(RoomEvent.Exited.class, "Ghost2") == 1
                                && onB.count(RoomEvent.Exited.class, "ghost1") == 1);
                Duration noticed = Duration.ofNanos(System.nanoTime() - killed);
                System.out.println(
                        "a SIGKILLed node's members were announced as left after " + noticed.toMillis() + " ms");
                assertTrue(
                        noticed.compareTo(Nodes.TTL.plus(Nodes.BEAT.multipliedBy(4))) < 0,
                        "noticed after " + noticed.toMillis() + " ms");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> a.registry().members("lobby").equals(List.of("onA", "onB")));
                MemberRef newcomer = b.newMember();
                await().atMost(Duration.ofSeconds(10)).until(() -> b.registry().claimNick("ghost2", newcomer));

                // Whoever announces a dead member's leave later (the other survivor, a node started since) uses the
                // same Nats-Msg-Id: JetStream answers with the first record's sequence and stores nothing new.
                RoomEvent.Entered entered = (RoomEvent.Entered) onA.events().stream()
                        .filter(e ->
                                e instanceof RoomEvent.Entered en && en.nick().equals("ghost1"))
                        .findFirst()
                        .orElseThrow();
                RoomEvent.Exited exited = (RoomEvent.Exited) onA.events().stream()
                        .filter(e ->
                                e instanceof RoomEvent.Exited ex && ex.nick().equals("ghost1"))
                        .findFirst()
                        .orElseThrow();
                assertEquals(
                        exited.seq(),
                        b.log()
                                .append(
                                        new RoomEvent.Exited("lobby", 0, "ghost1", entered.member()),
                                        RoomLog.exitId(entered.member(), entered.seq())));
                long marker = onA.say("after");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> onB.messages().contains(marker + " onA \"after\""));
                for (TestMember survivor : List.of(onA, onB)) {
                    assertEquals(1, survivor.count(RoomEvent.Exited.class, "ghost1"), survivor.nick);
                    assertEquals(1, survivor.count(RoomEvent.Exited.class, "Ghost2"), survivor.nick);
                }
            } finally {
                doomed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}

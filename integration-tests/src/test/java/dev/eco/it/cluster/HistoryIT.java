package dev.eco.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.NatsServer;
import dev.eco.nats.NatsNode;
import dev.eco.nats.RoomEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A join on another node replays the room's last N messages, in order, and live messages follow with no seam. */
class HistoryIT {

    @Test
    void joinReplaysTheLastMessagesThenGoesLive() throws Exception {
        try (NatsServer nats = NatsServer.start();
                Nodes nodes = new Nodes(nats)) {
            NatsNode a = nodes.start("a");
            NatsNode b = nodes.start("b");
            TestMember talker = TestMember.join(a, "talker", "lobby");
            TestMember.join(a, "other", "elsewhere").say("not in lobby");
            for (int i = 1; i <= 10; i++) {
                talker.say("m" + i);
            }
            TestMember joiner = TestMember.join(b, "joiner", "lobby", 4);
            assertEquals(
                    List.of("\"m7\"", "\"m8\"", "\"m9\"", "\"m10\""),
                    joiner.history.stream().map(RoomEvent.Said::body).toList());
            assertTrue(joiner.history.getLast().seq() < joiner.joinSeq);
            long live = talker.say("m11");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !joiner.messages().isEmpty());
            assertEquals(List.of(live + " talker \"m11\""), joiner.messages(), "history is not repeated live");

            TestMember everything = TestMember.join(b, "everything", "lobby", 1_000);
            assertEquals(11, everything.history.size(), "at most what the room has");
            TestMember none = TestMember.join(b, "none", "lobby", 0);
            assertTrue(none.history.isEmpty());
        }
    }

    @Test
    void historyIsTheLastMessagesBeforeTheJoinAtMostHistoryKeptWhateverTheStreamKeeps() throws Exception {
        try (NatsServer nats = NatsServer.start();
                Nodes nodes = new Nodes(nats)) {
            NatsNode a = nodes.start("a");
            TestMember talker = TestMember.join(a, "talker", "lobby");
            TestMember elsewhere = TestMember.join(a, "other", "elsewhere");
            List<String> said = new java.util.ArrayList<>();
            for (int i = 1; i <= 130; i++) {
                talker.say("m" + i);
                said.add("\"m" + i + "\"");
                for (int j = 0; j < i % 7; j++) { // other rooms' records between, unevenly
                    elsewhere.say("x");
                }
            }
            TestMember all = TestMember.join(a, "all", "lobby", 1_000);
            assertEquals(
                    said.subList(30, 130),
                    all.history.stream().map(RoomEvent.Said::body).toList(),
                    "the last 100 (historyKept), oldest first, although the stream keeps 1,000 a room");
            TestMember few = TestMember.join(a, "few", "lobby", 3);
            assertEquals(
                    said.subList(127, 130),
                    few.history.stream().map(RoomEvent.Said::body).toList());
        }
    }
}

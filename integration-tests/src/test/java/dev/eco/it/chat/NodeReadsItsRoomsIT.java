package dev.eco.it.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import dev.eco.it.support.NatsServer;
import dev.eco.nats.NatsNode;
import dev.eco.nats.NatsRooms;
import dev.eco.nats.NatsSettings;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node reads the rooms its members are in and no other: while a room on node A says 500 messages, node B,
 * with no member in it, receives none of them (its NATS connection's own count of messages received grows by
 * only its background: heartbeats and idle pulls), and reads only its members' room.
 */
class NodeReadsItsRoomsIT {

    private static final int MESSAGES = 500;
    /**
     * More than B's own background (heartbeats, idle pulls: a few dozen messages while A's room talks, more on a
     * loaded machine), less than what a node reading A's room would receive: every one of its 500 records.
     */
    private static final int BACKGROUND = MESSAGES / 2;

    @Test
    void aNodeWithNoMemberInARoomReceivesNoneOfItsRecords() throws Exception {
        ServerConfig config = ServerConfig.forTests().toBuilder()
                .chat(ChatLimits.DEFAULT.withRate(0, 1))
                .build();
        try (NatsServer nats = NatsServer.start()) {
            NatsNode a = NatsNode.start(NatsSettings.defaults(nats.url(), "a"));
            NatsNode b = NatsNode.start(NatsSettings.defaults(nats.url(), "b"));
            try (EcoServer serverA = EcoServer.start(config, ServerMetrics.NONE, NatsRooms.factory(a));
                    EcoServer serverB = EcoServer.start(config, ServerMetrics.NONE, NatsRooms.factory(b));
                    LineClient ann = LineClient.connect(serverA.tcpAddress());
                    LineClient bo = LineClient.connect(serverB.tcpAddress())) {
                ann.send("/nick ann", "/join busy");
                ann.readLines(2);
                bo.send("/nick bo", "/join quiet");
                bo.readLines(2);
                assertEquals(List.of("busy"), a.feed().roomsRead());
                assertEquals(List.of("quiet"), b.feed().roomsRead());

                long before = b.traffic().received();
                for (int i = 0; i < MESSAGES; i++) {
                    ann.send("busy-" + i);
                }
                for (int i = 0; i < MESSAGES; i++) {
                    assertEquals("[busy] <ann> busy-" + i, ann.readLine());
                }
                long duringBusy = b.traffic().received() - before;
                System.out.println("node B received " + duringBusy + " messages while room busy said " + MESSAGES);
                assertTrue(
                        duringBusy < BACKGROUND,
                        "node B received " + duringBusy + " messages while a room it does not read said " + MESSAGES);

                bo.send("/join busy"); // now B reads it, and only it
                assertEquals("left quiet", bo.readLine());
                assertTrue(bo.readLine().startsWith("joined busy"));
                assertEquals(List.of("busy"), b.feed().roomsRead());
                ann.send("hello bo");
                assertEquals("[busy] <ann> hello bo", bo.readLine());
            }
        }
    }
}

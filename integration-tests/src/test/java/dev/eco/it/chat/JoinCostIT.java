package dev.eco.it.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import dev.eco.it.support.NatsServer;
import dev.eco.nats.MemberRef;
import dev.eco.nats.NatsNode;
import dev.eco.nats.NatsRooms;
import dev.eco.nats.NatsSettings;
import dev.eco.nats.RoomEvent;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerMetrics;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * What a join, {@code /who} and {@code /rooms} cost in messages to and from NATS (the node's own connection
 * statistics): the same with one room as with hundreds of memberships elsewhere, and a resumed join that
 * replays 100 messages costs a handful of round trips, not one per message. The node also beats and reads in
 * the background, so each figure is the least of several tries: background traffic only ever adds.
 */
class JoinCostIT {

    private static final int TRIES = 5;
    /**
     * Sent: append the join, record the membership, four for the replay (make a consumer, ask its count, fetch,
     * delete it), and for the room's first member on this node, the start of the node's reader of the room (the
     * stream's end, the consumer, its first pull); measured 12 to 15 here, whatever the room and cluster held.
     */
    private static final int MOST_SENT_FOR_A_JOIN = 18;

    @Test
    void joinsWhoAndRoomsCostTheSameWhateverTheClusterHolds() throws Exception {
        try (NatsServer nats = NatsServer.start()) {
            NatsNode node = NatsNode.start(NatsSettings.defaults(nats.url(), "n1"));
            ChatLimits limits = ChatLimits.DEFAULT.withRate(0, 1).withHistory(1, 1 << 10);
            ServerConfig config =
                    ServerConfig.forTests().toBuilder().chat(limits).build();
            try (EcoServer server = EcoServer.start(config, ServerMetrics.NONE, NatsRooms.factory(node))) {
                Cost small = measure(server, node, "small");

                // hundreds of memberships in other rooms, and a room that kept 150 messages
                for (int i = 0; i < 400; i++) {
                    MemberRef ref = node.newMember();
                    node.registry().enter("busy" + i, ref, "someone" + i, 1);
                }
                for (int i = 0; i < 150; i++) {
                    node.log().append(new RoomEvent.Said("big", 0, "ann", "\"m" + i + "\"", "x", null), "m" + i);
                }
                Cost big = measure(server, node, "big");
                System.out.println("messages to and from NATS: one room " + small + "; 400 memberships " + big);

                assertTrue(small.joinSent() <= MOST_SENT_FOR_A_JOIN, "a join to a room: " + small);
                assertTrue(
                        big.joinSent() <= MOST_SENT_FOR_A_JOIN,
                        "the same bound whatever the cluster and the room hold: " + small + big);
                assertTrue(
                        big.emptyJoinReceived() <= small.emptyJoinReceived() + 2,
                        "a join to a new room reads no membership of other rooms: " + small + big);
                assertTrue(big.roomsSent() == 0 && big.roomsReceived() == 0, "/rooms asks NATS nothing: " + big);
                assertTrue(big.whoSent() == 0 && big.whoReceived() == 0, "/who asks NATS nothing: " + big);
                assertTrue(
                        big.resumeSent() <= MOST_SENT_FOR_A_JOIN,
                        "a resume that replays 100 messages: a few round trips, not one each: " + big);
            }
        }
    }

    record Cost(
            long joinSent,
            long emptyJoinReceived,
            long roomsSent,
            long roomsReceived,
            long whoSent,
            long whoReceived,
            long resumeSent) {}

    /** The least each operation cost over {@link #TRIES} tries, in messages sent to and received from NATS. */
    private static Cost measure(EcoServer server, NatsNode node, String room) throws IOException {
        long joinSent = Long.MAX_VALUE;
        long emptyJoinReceived = Long.MAX_VALUE;
        long roomsSent = Long.MAX_VALUE;
        long roomsReceived = Long.MAX_VALUE;
        long whoSent = Long.MAX_VALUE;
        long whoReceived = Long.MAX_VALUE;
        long resumeSent = Long.MAX_VALUE;
        LongSupplier sent = () -> node.traffic().sent();
        LongSupplier received = () -> node.traffic().received();
        for (int i = 0; i < TRIES; i++) {
            try (LineClient client = LineClient.connect(server.tcpAddress())) {
                client.send("/nick " + room + "-member" + i);
                client.readLine();

                long s = sent.getAsLong();
                long r = received.getAsLong();
                client.send("/join " + room + "-empty" + i);
                assertTrue(client.readLine().startsWith("joined " + room + "-empty" + i));
                emptyJoinReceived = Math.min(emptyJoinReceived, received.getAsLong() - r);

                client.send("/leave");
                assertEquals("left " + room + "-empty" + i, client.readLine());
                s = sent.getAsLong();
                client.send("/join " + room);
                String joined = client.readLine();
                assertTrue(joined.startsWith("joined " + room), joined);
                if (room.equals("big")) {
                    assertEquals("[big] (history) <ann> m149", client.readLine());
                }
                joinSent = Math.min(joinSent, sent.getAsLong() - s);

                s = sent.getAsLong();
                r = received.getAsLong();
                client.send("/rooms");
                assertTrue(client.readLine().startsWith("rooms: "));
                roomsSent = Math.min(roomsSent, sent.getAsLong() - s);
                roomsReceived = Math.min(roomsReceived, received.getAsLong() - r);

                s = sent.getAsLong();
                r = received.getAsLong();
                client.send("/who");
                assertTrue(client.readLine().startsWith("members of " + room));
                whoSent = Math.min(whoSent, sent.getAsLong() - s);
                whoReceived = Math.min(whoReceived, received.getAsLong() - r);
            }
            if (room.equals("big")) {
                try (LineClient client = LineClient.connect(server.tcpAddress())) {
                    client.send("/nick resumer" + i);
                    client.readLine();
                    long s = sent.getAsLong();
                    client.send("/join big since 1"); // missed 150: replays the last 100
                    assertTrue(client.readLine().startsWith("joined big"));
                    assertEquals("* 50 messages of big after seq 1 could not be replayed", client.readLine());
                    client.readLines(ChatLimits.MAX_HISTORY);
                    resumeSent = Math.min(resumeSent, sent.getAsLong() - s);
                }
            }
        }
        return new Cost(joinSent, emptyJoinReceived, roomsSent, roomsReceived, whoSent, whoReceived, resumeSent);
    }
}

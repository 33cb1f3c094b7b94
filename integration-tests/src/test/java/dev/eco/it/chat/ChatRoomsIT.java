package dev.eco.it.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Chat rooms over real sockets: order, presence, names, slow consumers, limits, and UDP's refusal. */
class ChatRoomsIT {

    private static EcoServer start(ChatLimits limits) throws IOException {
        return EcoServer.start(ServerConfig.forTests().toBuilder().chat(limits).build());
    }

    @Test
    void everyMemberSeesTheRoomsMessagesInOneOrderWithNoGaps() throws Exception {
        int members = 5;
        int perMember = 200;
        try (EcoServer server = start(ChatLimits.DEFAULT.withRate(0, 1))) {
            List<LineClient> clients = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                LineClient client = LineClient.connect(server.tcpAddress());
                names.add("m" + i);
                client.send("/nick m" + i, "/join room");
                assertEquals(
                        List.of("nick m" + i, "joined room, members: " + String.join(", ", names)),
                        client.readLines(2));
                clients.add(client);
            }
            for (int i = 0; i < members - 1; i++) { // each saw the later ones join
                assertEquals(
                        "* m" + (members - 1) + " joined room",
                        clients.get(i).readLines(members - 1 - i).getLast());
            }
            clients.getFirst().send("{\"type\":\"ping\"}");
            assertEquals("{\"type\":\"pong\"}", clients.getFirst().readLine());

            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                LineClient client = clients.get(i);
                int id = i;
                senders.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int n = 0; n < perMember; n++) {
                            client.send(
                                    id == 0 ? "{\"type\":\"message\",\"body\":\"m0-" + n + "\"}" : "m" + id + "-" + n);
                        }
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }));
            }
            List<List<String>> seen = new ArrayList<>();
            for (LineClient client : clients) {
                seen.add(client.readLines(members * perMember));
            }
            for (Thread sender : senders) {
                sender.join();
            }

            // The JSON member (m0) reads the room's seq: 1..N, no gap, no repeat.
            Pattern jsonMessage = Pattern.compile(
                    "\\{\"type\":\"message\",\"room\":\"room\",\"from\":\"(m\\d)\",\"body\":\"(m\\d-\\d+)\",\"seq\":(\\d+)}");
            List<String> order = new ArrayList<>();
            for (int i = 0; i < seen.getFirst().size(); i++) {
                Matcher m = jsonMessage.matcher(seen.getFirst().get(i));
                assertTrue(m.matches(), seen.getFirst().get(i));
                assertEquals(i + 1, Integer.parseInt(m.group(3)));
                order.add("[room] <" + m.group(1) + "> " + m.group(2));
            }
            for (int i = 1; i < members; i++) {
                assertEquals(order, seen.get(i), "member " + i + " saw another order");
            }
            for (int i = 0; i < members; i++) {
                String prefix = "[room] <m" + i + "> m" + i + "-";
                List<String> own =
                        order.stream().filter(line -> line.startsWith(prefix)).toList();
                assertEquals(perMember, own.size());
                for (int n = 0; n < perMember; n++) {
                    assertEquals(prefix + n, own.get(n));
                }
            }
            for (LineClient client : clients) {
                client.close();
            }
        }
    }

    @SuppressWarnings("try") // a member leaving mid-test is what is tested; the try only cleans up
    @Test
    void presenceNoticesInTextAndJson() throws Exception {
        try (EcoServer server = start(ChatLimits.DEFAULT);
                LineClient alice = LineClient.connect(server.tcpAddress());
                LineClient bot = LineClient.connect(server.tcpAddress())) {
            alice.send("/nick alice", "/join lobby");
            assertEquals(List.of("nick alice", "joined lobby, members: alice"), alice.readLines(2));
            bot.send("{\"type\":\"nick\",\"name\":\"bot\"}", "{\"type\":\"join\",\"room\":\"Lobby\"}");
            assertEquals(
                    List.of(
                            "{\"type\":\"nick\",\"name\":\"bot\"}",
                            "{\"type\":\"join\",\"room\":\"lobby\",\"members\":[\"alice\",\"bot\"],\"seq\":0}"),
                    bot.readLines(2));
            assertEquals("* bot joined lobby", alice.readLine());

            alice.send("/nick Alice2");
            assertEquals("nick Alice2", alice.readLine());
            assertEquals(
                    "{\"type\":\"presence\",\"room\":\"lobby\",\"nick\":\"Alice2\",\"event\":\"nick\",\"previous\":\"alice\"}",
                    bot.readLine());

            bot.send("{\"type\":\"message\",\"body\":{\"a\":[1,true,null]},\"id\":42}");
            assertEquals(
                    "{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"bot\",\"body\":{\"a\":[1,true,null]},\"id\":42,\"seq\":1}",
                    bot.readLine());
            assertEquals("[lobby] <bot> {\"a\":[1,true,null]}", alice.readLine());

            alice.send("/who", "/rooms");
            assertEquals(List.of("members of lobby: Alice2, bot", "rooms: lobby (2)"), alice.readLines(2));

            bot.close();
            assertEquals("* bot left lobby", alice.readLine());
            alice.send("/leave", "/leave", "plain echo again");
            assertEquals(
                    List.of(
                            "left lobby",
                            "error: not_in_room: you are in no room: /join ROOM first",
                            "plain echo again"),
                    alice.readLines(3));
        }
    }

    @SuppressWarnings("try") // a member leaving mid-test is what is tested; the try only cleans up
    @Test
    void nicknameRules() throws Exception {
        try (EcoServer server = start(ChatLimits.DEFAULT);
                LineClient a = LineClient.connect(server.tcpAddress());
                LineClient b = LineClient.connect(server.tcpAddress())) {
            a.send("/nick Sam");
            assertEquals("nick Sam", a.readLine());
            b.send(
                    "/nick sAM",
                    "/nick bad name",
                    "/nick " + "n".repeat(33),
                    "/nick",
                    "{\"type\":\"nick\",\"name\":\"é\"}");
            assertEquals(
                    List.of(
                            "error: nick_taken: the name sAM is taken",
                            "error: bad_name: a nickname must be 1 to 32 letters, digits, '_', '-' or '.'",
                            "error: bad_name: a nickname must be 1 to 32 letters, digits, '_', '-' or '.'",
                            "error: bad_request: usage: /nick NAME",
                            "{\"type\":\"error\",\"code\":\"bad_name\",\"message\":\"a nickname must be 1 to 32 letters, digits, '_', '-' or '.'\"}"),
                    b.readLines(5));
            a.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                b.send("/nick sam");
                return b.readLine().equals("nick sam"); // freed when its owner left
            });
        }
    }

    // The slow consumer (a member that never reads, cut off while the others get all 10,000 messages) is in
    // SharedRoomsIT, run against these in-process rooms and against NATS rooms alike.

    @Test
    void framesOverTheRateLimitAreAnsweredAndNotDelivered() throws Exception {
        try (EcoServer server = start(ChatLimits.DEFAULT.withRate(5, 5));
                LineClient talker = LineClient.connect(server.tcpAddress());
                LineClient listener = LineClient.connect(server.tcpAddress())) {
            listener.send("/join r");
            listener.readLine();
            talker.send("/join r"); // uses one token
            talker.readLine();
            listener.readLine();
            List<String> burst = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                burst.add("burst " + n);
            }
            talker.send(burst.toArray(String[]::new));
            List<String> replies = talker.readLines(20);
            long limited = replies.stream()
                    .filter(line -> line.startsWith("error: rate_limited: "))
                    .count();
            long delivered =
                    replies.stream().filter(line -> line.startsWith("[r] <")).count();
            assertEquals(20, limited + delivered);
            assertTrue(delivered >= 4 && delivered <= 6, "delivered " + delivered);
            // the listener got exactly the delivered ones, then the next message once tokens came back
            assertEquals(
                    delivered,
                    listener.readLines((int) delivered).stream()
                            .filter(l -> l.startsWith("[r] <"))
                            .count());
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        talker.send("later");
                        return talker.readLine().endsWith("> later");
                    });
            assertTrue(listener.readLine().endsWith("> later"));
        }
    }

    @Test
    void roomLimitsAreAnsweredWithErrors() throws Exception {
        try (EcoServer server = start(ChatLimits.DEFAULT.withRooms(1, 2));
                LineClient a = LineClient.connect(server.tcpAddress());
                LineClient b = LineClient.connect(server.tcpAddress());
                LineClient c = LineClient.connect(server.tcpAddress())) {
            a.send("/join one");
            assertTrue(a.readLine().startsWith("joined one"));
            b.send("/join two");
            assertEquals("error: too_many_rooms: the server has its maximum of 1 rooms", b.readLine());
            b.send("/join one");
            assertTrue(b.readLine().startsWith("joined one"));
            c.send("{\"type\":\"join\",\"room\":\"one\"}");
            assertEquals(
                    "{\"type\":\"error\",\"code\":\"room_full\",\"message\":\"room one has its maximum of 2 members\"}",
                    c.readLine());
            c.send("still served");
            assertEquals("still served", c.readLine());
        }
    }

    @Test
    void chatOverUdpIsUnsupported() throws Exception {
        try (EcoServer server = start(ChatLimits.DEFAULT);
                DatagramSocket udp = new DatagramSocket()) {
            udp.setSoTimeout(5_000);
            udp.connect(server.udpAddress().orElseThrow());
            // No reply is longer than its datagram (docs/protocol.md, UDP): padded, the whole error fits;
            assertEquals(
                    "{\"type\":\"error\",\"code\":\"unsupported\",\"message\":\"UDP serves echo, not chat\"}\n",
                    roundTrip(udp, "{\"type\":\"join\",\"room\":\"r\"}" + " ".repeat(60) + "\n"));
            // shorter, it keeps its code.
            assertEquals("error: unsupported\n", roundTrip(udp, "/join " + "r".repeat(32) + "\n"));
            assertEquals("hello\n", roundTrip(udp, "hello\n"));
        }
    }

    private static String roundTrip(DatagramSocket udp, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        udp.send(new DatagramPacket(bytes, bytes.length));
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        udp.receive(reply);
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
    }
}

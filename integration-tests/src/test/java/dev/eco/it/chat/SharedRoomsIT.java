package dev.eco.it.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every rooms implementation promises, run against both: {@code local} (one server, in-process rooms) and
 * {@code nats} (two servers sharing the rooms through a real nats-server, members spread over both). Order,
 * presence, names and slow consumers must look the same to clients, so the two cannot drift apart.
 */
class SharedRoomsIT {

    private static final Pattern MESSAGE = Pattern.compile(
            "\\{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"(m\\d)\",\"body\":\"(m\\d-\\d+)\",\"seq\":(\\d+)}");
    private static final String PADDING = "x".repeat(1000);
    private static final ChatLimits NO_RATE = ChatLimits.DEFAULT.withRate(0, 1);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "nats"})
    void everyMemberOnEveryNodeSeesOneOrderWithTheSameSeq(String kind) throws Exception {
        int members = 4;
        int perMember = 50;
        try (Cluster cluster = Cluster.start(kind, NO_RATE)) {
            List<LineClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < members; i++) {
                    LineClient client = LineClient.connect(cluster.node(i));
                    clients.add(client);
                    client.send(
                            "{\"type\":\"nick\",\"name\":\"m" + i + "\"}", "{\"type\":\"join\",\"room\":\"lobby\"}");
                    assertEquals("{\"type\":\"nick\",\"name\":\"m" + i + "\"}", client.readLine());
                    assertTrue(client.readLine().startsWith("{\"type\":\"join\",\"room\":\"lobby\""));
                }
                List<Thread> senders = new ArrayList<>();
                for (int i = 0; i < members; i++) {
                    LineClient client = clients.get(i);
                    String from = "m" + i;
                    senders.add(Thread.ofVirtual().start(() -> {
                        try {
                            for (int n = 0; n < perMember; n++) {
                                client.send("{\"type\":\"message\",\"body\":\"" + from + "-" + n + "\"}");
                            }
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    }));
                }
                List<List<String>> seen = new ArrayList<>();
                for (LineClient client : clients) {
                    List<String> messages = new ArrayList<>();
                    while (messages.size() < members * perMember) {
                        Matcher m = MESSAGE.matcher(client.readLine());
                        if (m.matches()) { // presence of later joiners comes first, for some
                            messages.add(m.group(3) + " " + m.group(2));
                        }
                    }
                    seen.add(messages);
                }
                for (Thread sender : senders) {
                    sender.join();
                }
                for (int i = 1; i < members; i++) {
                    assertEquals(seen.getFirst(), seen.get(i), "member m" + i + " (" + kind + ") saw another order");
                }
                long previousSeq = 0;
                int[] lastOf = {-1, -1, -1, -1};
                for (String line : seen.getFirst()) {
                    long seq = Long.parseLong(line.substring(0, line.indexOf(' ')));
                    assertTrue(seq > previousSeq, "seq " + seq + " after " + previousSeq);
                    previousSeq = seq;
                    String body = line.substring(line.indexOf(' ') + 1);
                    int sender = body.charAt(1) - '0';
                    int n = Integer.parseInt(body.substring(3));
                    assertEquals(lastOf[sender] + 1, n, "m" + sender + "'s own order");
                    lastOf[sender] = n;
                }
            } finally {
                for (LineClient client : clients) {
                    client.close();
                }
            }
        }
    }

    @SuppressWarnings("try") // a member leaving mid-test is what is tested; the try only cleans up
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "nats"})
    void presenceWhoAndRoomsCoverEveryNode(String kind) throws Exception {
        try (Cluster cluster = Cluster.start(kind, NO_RATE);
                LineClient ann = LineClient.connect(cluster.node(0));
                LineClient bo = LineClient.connect(cluster.node(1))) {
            ann.send("/nick ann", "/join lobby");
            assertEquals(List.of("nick ann", "joined lobby, members: ann"), ann.readLines(2));
            bo.send("/nick bo", "/join Lobby");
            assertEquals(List.of("nick bo", "joined lobby, members: ann, bo"), bo.readLines(2));
            assertEquals("* bo joined lobby", ann.readLine());
            bo.send("/who", "/rooms");
            assertEquals(List.of("members of lobby: ann, bo", "rooms: lobby (2)"), bo.readLines(2));
            bo.send("/nick bob");
            assertEquals("nick bob", bo.readLine());
            assertEquals("* bo is now known as bob", ann.readLine());
            bo.send("/leave");
            assertEquals("left lobby", bo.readLine());
            assertEquals("* bob left lobby", ann.readLine());
            bo.send("/join lobby");
            assertEquals("joined lobby, members: ann, bob", bo.readLine());
            assertEquals("* bob joined lobby", ann.readLine());
            bo.close(); // a connection that ends leaves its room
            assertEquals("* bob left lobby", ann.readLine());
            ann.send("/who");
            assertEquals("members of lobby: ann", ann.readLine());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "nats"})
    void namesAreUniqueOnEveryNodeAndFreedWhenTheirHolderGoes(String kind) throws Exception {
        try (Cluster cluster = Cluster.start(kind, NO_RATE);
                LineClient other = LineClient.connect(cluster.node(1));
                LineClient guest1 = LineClient.connect(cluster.node(0));
                LineClient guest2 = LineClient.connect(cluster.node(1))) {
            try (LineClient ann = LineClient.connect(cluster.node(0))) {
                ann.send("/nick ann");
                assertEquals("nick ann", ann.readLine());
                other.send("/nick ANN");
                assertEquals("error: nick_taken: the name ANN is taken", other.readLine());
            }
            await("the name is free again").atMost(Duration.ofSeconds(10)).until(() -> {
                other.send("/nick ANN");
                return other.readLine().equals("nick ANN");
            });
            guest1.send("/join lobby");
            String first = guest1.readLine();
            guest2.send("/join lobby");
            String second = guest2.readLine(); // its own name is the last: the members are in join order
            Matcher a = Pattern.compile("joined lobby, members: .*(guest-\\d+)").matcher(first);
            Matcher b = Pattern.compile("joined lobby, members: .*(guest-\\d+)").matcher(second);
            assertTrue(a.matches() && b.matches(), first + " / " + second);
            assertNotEquals(a.group(1), b.group(1), "two guests got one name");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "nats"})
    void aMemberWhoDoesNotReadIsCutOffByItsNodeAndTheOthersGetEverything(String kind) throws Exception {
        // 10 MB: more than the sleeper's socket buffers (4 MB at most here) and its 2 MiB queue hold, while a
        // member that reads has 2 MiB of slack against bursts, even on a loaded machine
        int messages = 10_000;
        try (Cluster cluster = Cluster.start(kind, NO_RATE.withPending(5_000, 2 << 20));
                LineClient talker = LineClient.connect(cluster.node(0));
                LineClient listener = LineClient.connect(cluster.node(1));
                LineClient sleeper = LineClient.connectSmall(cluster.node(1))) {
            talker.send("/nick talker", "/join r");
            talker.readLines(2);
            listener.send("/nick listener", "/join r");
            listener.readLines(2);
            sleeper.send("/nick sleeper", "/join r");
            talker.readLines(2); // listener and sleeper joined
            listener.readLine();

            Thread sending = Thread.ofVirtual().start(() -> {
                try {
                    for (int n = 0; n < messages; n += 50) {
                        String[] batch = new String[50];
                        for (int k = 0; k < 50; k++) {
                            batch[k] = "message number " + (n + k) + " " + PADDING;
                        }
                        talker.send(batch);
                        talker.readUntil("[r] <talker> " + batch[49]);
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            List<String> heard = listener.readLines(messages + 1);
            sending.join();
            List<String> chat = heard.stream()
                    .filter(line -> line.startsWith("[r] <talker> "))
                    .toList();
            assertEquals(messages, chat.size(), "the listener missed messages");
            for (int n = 0; n < messages; n++) {
                assertEquals("[r] <talker> message number " + n + " " + PADDING, chat.get(n));
            }
            assertTrue(heard.contains("* sleeper left r"), "the others are told the slow member left");
            await().atMost(Duration.ofSeconds(10)).until(sleeper::isClosedByServer);
            talker.send("/who");
            talker.readUntil("members of r: talker, listener");
        }
    }
}

package dev.eco.it.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /join ROOM since SEQ} against both rooms implementations: a member that comes back gets, marked as
 * history, every message it missed that is still kept, then the live ones, with none missing and none twice even
 * while the room keeps talking through the seam; and it is told how many it missed when the room kept too few.
 */
class ResumeIT {

    private static final Pattern MESSAGE = Pattern.compile(
            "\\{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"ann\",\"body\":\"(m-\\d+)\",\"seq\":(\\d+)"
                    + "(,\"history\":true)?}");
    private static final ChatLimits NO_RATE = ChatLimits.DEFAULT.withRate(0, 1);

    private record Seen(String body, long seq, boolean history) {}

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "nats"})
    void aResumedJoinReplaysWhatWasMissedThenGoesLiveWithNoGapAndNoOverlap(String kind) throws Exception {
        try (Cluster cluster = Cluster.start(kind, NO_RATE);
                LineClient ann = LineClient.connect(cluster.node(0))) {
            joinAs(ann, "ann");
            long lastSeen;
            try (LineClient bo = LineClient.connect(cluster.node(1))) {
                joinAs(bo, "bo");
                say(ann, 0, 5);
                List<Seen> seen = messages(bo, 5);
                assertEquals("m-4", seen.getLast().body());
                lastSeen = seen.get(1).seq(); // bo printed m-0 and m-1 only when its connection dropped
            }
            say(ann, 5, 10); // while bo is away
            int total = 60;
            Thread talker = Thread.ofVirtual().start(() -> sayQuietly(ann, 10, total)); // through the seam
            try (LineClient back = LineClient.connect(cluster.node(1))) {
                back.send(
                        "{\"type\":\"nick\",\"name\":\"bo2\"}",
                        "{\"type\":\"join\",\"room\":\"lobby\",\"since\":" + lastSeen + "}");
                assertEquals("{\"type\":\"nick\",\"name\":\"bo2\"}", back.readLine());
                String joined = back.readLine();
                assertTrue(joined.startsWith("{\"type\":\"join\",\"room\":\"lobby\""), joined);
                List<Seen> after = messages(back, total - 2);
                List<String> bodies = after.stream().map(Seen::body).toList();
                List<String> expected = new ArrayList<>();
                for (int n = 2; n < total; n++) {
                    expected.add("m-" + n);
                }
                assertEquals(expected, bodies, "every message after m-1, once each, in order");
                int firstLive = 0;
                while (firstLive < after.size() && after.get(firstLive).history()) {
                    firstLive++;
                }
                assertTrue(firstLive >= 8, "m-2 to m-9 were said before the join: history, not live; " + after);
                assertFalse(
                        after.subList(firstLive, after.size()).stream().anyMatch(Seen::history),
                        "nothing marked as history after the first live message: " + after);
                for (int i = 1; i < after.size(); i++) {
                    assertTrue(after.get(i).seq() > after.get(i - 1).seq(), "seq grows: " + after);
                }
                assertTrue(after.getFirst().seq() > lastSeen);
            }
            talker.join();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "nats"})
    void aResumeThatMissedMoreThanAReplayHoldsSaysHowManyItMissed(String kind) throws Exception {
        try (Cluster cluster = Cluster.start(kind, NO_RATE);
                LineClient ann = LineClient.connect(cluster.node(0))) {
            joinAs(ann, "ann");
            say(ann, 0, 1);
            long since;
            try (LineClient bo = LineClient.connect(cluster.node(1))) {
                joinAs(bo, "bo");
                say(ann, 1, 2);
                since = messages(bo, 1).getFirst().seq();
            }
            int away = ChatLimits.MAX_HISTORY + 10;
            say(ann, 2, 2 + away);
            try (LineClient back = LineClient.connect(cluster.node(1))) {
                back.send("/nick bo2", "/join lobby since " + since);
                assertEquals("nick bo2", back.readLine());
                assertTrue(back.readLine().startsWith("joined lobby, members: "));
                assertEquals("* 10 messages of lobby after seq " + since + " could not be replayed", back.readLine());
                List<String> replayed = back.readLines(ChatLimits.MAX_HISTORY);
                assertEquals("[lobby] (history) <ann> m-12", replayed.getFirst());
                assertEquals("[lobby] (history) <ann> m-" + (1 + away), replayed.getLast());
                ann.send("{\"type\":\"message\",\"body\":\"live\"}");
                assertEquals("[lobby] <ann> live", back.readLine());
            }
        }
    }

    private static void joinAs(LineClient client, String nick) throws IOException {
        client.send("{\"type\":\"nick\",\"name\":\"" + nick + "\"}", "{\"type\":\"join\",\"room\":\"lobby\"}");
        assertEquals("{\"type\":\"nick\",\"name\":\"" + nick + "\"}", client.readLine());
        assertTrue(client.readLine().startsWith("{\"type\":\"join\",\"room\":\"lobby\""));
    }

    /** Ann says m-from to m-(to - 1) and reads her own copies back (and whatever presence comes between). */
    private static void say(LineClient ann, int from, int to) throws IOException {
        for (int n = from; n < to; n++) {
            ann.send("{\"type\":\"message\",\"body\":\"m-" + n + "\"}");
        }
        messages(ann, to - from);
    }

    private static void sayQuietly(LineClient ann, int from, int to) {
        try {
            say(ann, from, to);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** The next {@code count} messages of ann, skipping presence lines. */
    private static List<Seen> messages(LineClient client, int count) throws IOException {
        List<Seen> seen = new ArrayList<>();
        while (seen.size() < count) {
            String line = client.readLine();
            if (line.startsWith("{\"type\":\"presence\"")) {
                continue;
            }
            Matcher m = MESSAGE.matcher(line);
            assertTrue(m.matches(), "a message of ann, not " + line);
            seen.add(new Seen(m.group(1), Long.parseLong(m.group(2)), m.group(3) != null));
        }
        return seen;
    }
}

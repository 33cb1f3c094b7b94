package dev.eco.it.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * NATS goes away under two running nodes and comes back: echo never stops; room frames are answered
 * {@code unavailable} in text and JSON meanwhile; then the nodes reconnect by themselves and the same members,
 * still in their room, talk again. Every message that was acknowledged (its sender saw it) reaches every member
 * once, in one order.
 */
class NatsOutageIT {

    private static final Pattern MESSAGE = Pattern.compile(
            "\\{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"(\\w+)\",\"body\":\"(\\w+-\\d+)\",\"seq\":(\\d+)}");

    @Test
    void roomsSayUnavailableWhileNatsIsAwayAndWorkAgainWithNothingLostOrRepeated() throws Exception {
        try (Cluster cluster = Cluster.start("nats", ChatLimits.DEFAULT.withRate(0, 1));
                LineClient talker = LineClient.connect(cluster.node(0));
                LineClient listener = LineClient.connect(cluster.node(1))) {
            talker.send("{\"type\":\"nick\",\"name\":\"talker\"}", "{\"type\":\"join\",\"room\":\"lobby\"}");
            talker.readLines(2);
            listener.send("{\"type\":\"nick\",\"name\":\"listener\"}", "{\"type\":\"join\",\"room\":\"lobby\"}");
            listener.readLines(2);
            talker.readLine(); // listener joined
            List<String> acknowledged = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                talker.send("{\"type\":\"message\",\"body\":\"before-" + n + "\"}");
                acknowledged.add(seqAndBody(talker.readLine()));
            }

            List<String> heard = new ArrayList<>();
            readMessages(listener, heard, acknowledged.size());

            cluster.nats().stop();
            await("the nodes notice").atMost(Duration.ofSeconds(10)).until(() -> {
                listener.send("{\"type\":\"who\",\"id\":1}");
                return listener.readLine().contains("\"code\":\"unavailable\"");
            });
            talker.send("{\"type\":\"message\",\"body\":\"lost-1\",\"id\":7}");
            String refused = talker.readLine();
            assertTrue(
                    refused.startsWith(
                            "{\"type\":\"error\",\"code\":\"unavailable\",\"message\":\"the rooms are unavailable"),
                    refused);
            assertTrue(refused.endsWith(",\"id\":7}"), refused);
            talker.send("plain text is a room message too", "/rooms");
            assertTrue(talker.readLine().startsWith("error: unavailable: the rooms are unavailable"));
            assertTrue(talker.readLine().startsWith("error: unavailable: "));
            talker.send("/leave");
            assertEquals("left lobby", talker.readLine()); // leaving always works; the others hear it later
            talker.send("/join lobby");
            assertTrue(talker.readLine().startsWith("error: unavailable: "));
            // echo does not need NATS: a member out of any room is an echo client again
            talker.send("still echoing");
            assertEquals("still echoing", talker.readLine());
            try (LineClient newcomer = LineClient.connect(cluster.node(1))) {
                newcomer.send("{\"type\":\"ping\",\"id\":\"p\"}", "echo for a newcomer");
                assertEquals(List.of("{\"type\":\"pong\",\"id\":\"p\"}", "echo for a newcomer"), newcomer.readLines(2));
            }

            cluster.nats().startAgain();
            await("rooms work again")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        talker.send("{\"type\":\"join\",\"room\":\"lobby\"}");
                        return talker.readLine().startsWith("{\"type\":\"join\"");
                    });
            for (int n = 0; n < 20; n++) {
                talker.send("{\"type\":\"message\",\"body\":\"after-" + n + "\"}");
                String line = talker.readLine();
                while (!line.startsWith("{\"type\":\"message\"")) {
                    line = talker.readLine(); // presence of the listener's own retries, if any
                }
                acknowledged.add(seqAndBody(line));
            }

            readMessages(listener, heard, acknowledged.size());
            assertEquals(acknowledged, heard, "the listener saw every acknowledged message once, in order");
            long previous = 0;
            for (String line : heard) {
                long seq = Long.parseLong(line.substring(0, line.indexOf(' ')));
                assertTrue(seq > previous, "seq " + seq + " after " + previous);
                previous = seq;
            }
            listener.send("{\"type\":\"who\"}");
            String who = listener.readLine();
            while (!who.startsWith("{\"type\":\"who\"")) {
                who = listener.readLine();
            }
            assertEquals("{\"type\":\"who\",\"room\":\"lobby\",\"members\":[\"listener\",\"talker\"]}", who);
        }
    }

    /** Reads the talker's messages until {@code heard} has {@code count}; presence lines are skipped. */
    private static void readMessages(LineClient listener, List<String> heard, int count) throws java.io.IOException {
        while (heard.size() < count) {
            Matcher m = MESSAGE.matcher(listener.readLine());
            if (m.matches() && m.group(1).equals("talker")) {
                heard.add(m.group(3) + " " + m.group(2));
            }
        }
    }

    private static String seqAndBody(String line) {
        Matcher m = MESSAGE.matcher(line);
        assertTrue(m.matches(), line);
        return m.group(3) + " " + m.group(2);
    }
}

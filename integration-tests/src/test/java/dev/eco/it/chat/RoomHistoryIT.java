package dev.eco.it.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --history N} over real sockets, on both rooms implementations: a member who joins a room (on another node
 * with NATS) first gets the room's last
 * N messages, marked as history in text and in JSON, with their original {@code seq}; live ones are unmarked.
 */
class RoomHistoryIT {

    private static final Pattern SEQ = Pattern.compile(".*\"seq\":(\\d+).*");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "nats"})
    void aJoinReplaysTheLastMessagesMarkedAsHistory(String kind) throws Exception {
        try (Cluster cluster =
                        Cluster.start(kind, ChatLimits.DEFAULT.withRate(0, 1).withHistory(3, 64 << 10));
                LineClient ann = LineClient.connect(cluster.node(0));
                LineClient bo = LineClient.connect(cluster.node(1));
                LineClient cy = LineClient.connect(cluster.node(1))) {
            ann.send("{\"type\":\"nick\",\"name\":\"ann\"}", "{\"type\":\"join\",\"room\":\"lobby\"}");
            ann.readLines(2);
            long[] seqs = new long[5];
            for (int n = 0; n < 5; n++) {
                ann.send("{\"type\":\"message\",\"body\":\"old-" + n + "\"}");
                Matcher m = SEQ.matcher(ann.readLine());
                m.matches();
                seqs[n] = Long.parseLong(m.group(1));
            }
            bo.send("/nick bo", "/join lobby");
            assertEquals(
                    List.of(
                            "nick bo",
                            "joined lobby, members: ann, bo",
                            "[lobby] (history) <ann> old-2",
                            "[lobby] (history) <ann> old-3",
                            "[lobby] (history) <ann> old-4"),
                    bo.readLines(5));
            cy.send("{\"type\":\"nick\",\"name\":\"cy\"}", "{\"type\":\"join\",\"room\":\"lobby\"}");
            List<String> cys = cy.readLines(5);
            assertTrue(
                    cys.get(1)
                            .startsWith(
                                    "{\"type\":\"join\",\"room\":\"lobby\",\"members\":[\"ann\",\"bo\",\"cy\"],\"seq\":"),
                    cys.get(1));
            for (int n = 2; n < 5; n++) {
                assertEquals(
                        "{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"ann\",\"body\":\"old-" + n + "\",\"seq\":"
                                + seqs[n] + ",\"history\":true}",
                        cys.get(n));
            }
            ann.send("new");
            assertEquals("* cy joined lobby", bo.readLine());
            assertEquals("[lobby] <ann> new", bo.readLine());
        }
    }
}

package dev.eco.it.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.FreePorts;
import dev.eco.it.support.NatsServer;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code eco chat} in a room whose node restarts: it connects again with backoff, rejoins under its name since the
 * last message it printed, shows what was said meanwhile (marked as history) once each, says how many it caught up, and goes
 * on live.
 */
class ChatReconnectIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Pattern TOM = Pattern.compile("\\[lobby] (\\(history\\) )?<tom> (\\w+)");

    @Test
    void aChatInARoomReconnectsAfterItsNodeRestartsAndCatchesUp() throws Exception {
        try (NatsServer nats = NatsServer.start()) {
            String port = String.valueOf(FreePorts.tcp());
            String[] nodeA = {"--port", port, "--udp-port", "off", "--nats", nats.url(), "--node", "a"};
            EcoProcess a = EcoProcess.serve(nodeA);
            try (EcoProcess b =
                            EcoProcess.serve("--port", "0", "--udp-port", "off", "--nats", nats.url(), "--node", "b");
                    EcoProcess chat = EcoProcess.start(Map.of(), "chat", "127.0.0.1", port);
                    LineClient tom = LineClient.connect(b.address("tcp"))) {
                Writer typing = new OutputStreamWriter(chat.process().getOutputStream(), StandardCharsets.UTF_8);
                typing.write("/nick cat\n/join lobby\n");
                typing.flush();
                awaitLine(chat, "joined lobby, members: cat");
                tom.send("/nick tom", "/join lobby");
                tom.send("one", "two").readUntil("[lobby] <tom> two");
                awaitLine(chat, "[lobby] <tom> two");

                a.terminate(Duration.ofSeconds(20)); // the node goes, and comes back on the same port
                awaitLine(chat, "* connection to 127.0.0.1:" + port + " lost; connecting again");
                tom.send("three", "four", "five").readUntil("[lobby] <tom> five");
                a = EcoProcess.serve(nodeA);
                awaitLine(chat, "* caught up 3 messages of lobby");
                tom.readUntil("* cat joined lobby"); // back under its name
                tom.send("six").readUntil("[lobby] <tom> six");
                awaitLine(chat, "[lobby] <tom> six");

                List<String> seen = chat.stdout().stream()
                        .map(TOM::matcher)
                        .filter(Matcher::matches)
                        .map(m -> (m.group(1) == null ? "" : "(history) ") + m.group(2))
                        .toList();
                assertEquals(
                        List.of("one", "two", "(history) three", "(history) four", "(history) five", "six"),
                        seen,
                        "every message once, what was missed as history: " + chat.stdout());
                typing.close();
            } finally {
                a.close();
            }
        }
    }

    private static void awaitLine(EcoProcess chat, String line) {
        await(line).atMost(LIMIT).until(() -> chat.stdout().contains(line));
    }
}

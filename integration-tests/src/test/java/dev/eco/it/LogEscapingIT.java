package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.Json;
import dev.eco.it.support.TestClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Client text reaches the log escaped: it can neither forge log lines nor drive the terminal. */
class LogEscapingIT {

    private static final String FORGED = "2026-01-01 INFO forged";

    @Test
    void controlCharactersFromClientsAreEscapedInTheDebugLog() throws Exception {
        try (EcoProcess eco = EcoProcess.serve("--port", "0", "--udp-port", "off", "--log-level", "debug");
                TestClient client = TestClient.connect(eco.port("tcp"))) {
            client.send("x\r" + FORGED + "\n");
            assertEquals("x\r" + FORGED, client.readLine());
            client.send("x\r\n" + FORGED + "\n");
            assertEquals("x", client.readLine());
            assertEquals(FORGED, client.readLine());
            assertEquals("\u001b[31mred\u001b[0m", client.roundTrip("\u001b[31mred\u001b[0m"));
            assertEquals("a\u2028" + FORGED, client.roundTrip("a\u2028" + FORGED));
            // A JSON string may hold a newline as \n; the error quoting it must not write it raw.
            assertEquals(
                    "unknown_type",
                    Json.parse(client.roundTrip("{\"type\":\"t\\n" + FORGED + "\"}"))
                            .get("code")
                            .asString());

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> eco.stderr().stream().anyMatch(l -> l.contains("t\\n" + FORGED)));
            assertEquals(0, eco.terminate(Duration.ofSeconds(10)));
            List<String> stderr = eco.stderr();
            String log = String.join("\n", stderr);
            assertTrue(log.contains("x\\r" + FORGED), "the CR is shown escaped:\n" + log);
            assertTrue(log.contains("\\u001b[31mred"), "the ESC is shown escaped:\n" + log);
            assertTrue(log.contains("a\\u2028" + FORGED), "the line separator is shown escaped:\n" + log);
            for (String line : stderr) {
                assertTrue(!line.startsWith(FORGED), "a forged log line: " + line);
                assertTrue(
                        line.chars().noneMatch(c -> c == '\r' || c == 0x1b || c == 0x2028 || c == 0x2029),
                        "a raw control character in the log: "
                                + line.replace("\r", "<CR>").replace("\u001b", "<ESC>"));
            }
        }
    }
}

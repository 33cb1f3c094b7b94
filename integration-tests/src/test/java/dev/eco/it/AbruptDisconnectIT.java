package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.TestClient;
import dev.eco.junit.EcoTest;
import dev.eco.server.EcoServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client that vanishes with an RST, mid-frame, frees its place and is no news worth a stack trace. */
@EcoTest
class AbruptDisconnectIT {

    @Test
    void resetConnectionsAreForgotten(EcoServer server) throws IOException {
        for (int i = 0; i < 3; i++) {
            TestClient client = TestClient.connect(server.tcpAddress());
            assertEquals("hello", client.roundTrip("hello"));
            client.send("half a fra");
            client.abort();
        }
        TestClient raw = TestClient.connect(server.rawAddress().orElseThrow());
        raw.send("raw bytes");
        raw.readBytes(9);
        raw.abort();
        await().atMost(Duration.ofSeconds(5)).until(server::openConnections, n -> n == 0);
        try (TestClient client = TestClient.connect(server.tcpAddress())) {
            assertEquals("after", client.roundTrip("after"));
        }
    }

    @Test
    void theRealServerLogsNoStackTraceForAPeerThatWentAway() throws Exception {
        // At debug level, so that the per-connection lines (DEBUG since they flood nothing at INFO) show.
        try (EcoProcess eco = EcoProcess.serve("--port", "0", "--udp-port", "off", "--log-level", "debug")) {
            int port = eco.port("tcp");
            for (int i = 0; i < 3; i++) {
                TestClient client = TestClient.connect(port);
                assertEquals("x", client.roundTrip("x"));
                client.send("{\"type\":\"mess");
                client.abort();
            }
            // Each connection logs one DEBUG line when it ends.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> eco.stderr().stream()
                                    .filter(l -> l.contains(" after ") && l.contains("frames in"))
                                    .count()
                            >= 3);
            assertEquals(0, eco.terminate(Duration.ofSeconds(10)));
            List<String> stderr = eco.stderr();
            assertTrue(
                    stderr.stream().noneMatch(l -> l.startsWith("\tat ")),
                    () -> "stack trace in the log:\n" + String.join("\n", stderr));
            assertTrue(
                    stderr.stream().noneMatch(l -> l.contains("Exception") && !l.contains(" DEBUG ")),
                    () -> "a peer that went away is worth more than a DEBUG line:\n" + String.join("\n", stderr));
        }
    }
}

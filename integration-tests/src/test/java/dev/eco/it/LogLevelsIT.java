package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.TestClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code eco serve} is quiet by default: standard output carries the {@code eco listening} lines, standard
 * error only warnings. {@code -v} adds info (start and stop) but not the listeners again, {@code
 * --log-connections} each connection's open and close.
 */
class LogLevelsIT {

    @Test
    void byDefaultOnlyTheListeningLinesAppear() throws Exception {
        try (EcoProcess eco = EcoProcess.serve("--port", "0", "--udp-port", "off")) {
            talkOnce(eco.port("tcp"));
            assertEquals(0, eco.terminate(Duration.ofSeconds(10)));
            assertEquals(List.of("eco listening tcp 127.0.0.1:" + eco.port("tcp")), eco.stdout());
            assertEquals(List.of(), eco.stderr(), "no INFO line, no per-connection line on a quiet start and stop");
        }
    }

    @Test
    void verboseAddsInfoLines() throws Exception {
        try (EcoProcess eco = EcoProcess.serve("--port", "0", "--udp-port", "off", "-v")) {
            talkOnce(eco.port("tcp"));
            assertEquals(0, eco.terminate(Duration.ofSeconds(10)));
            List<String> stderr = eco.stderr();
            assertTrue(stderr.stream().anyMatch(l -> l.contains(" INFO ")), stderr.toString());
            assertEquals(List.of("eco listening tcp 127.0.0.1:" + eco.port("tcp")), eco.stdout());
            assertTrue(
                    stderr.stream().noneMatch(l -> l.contains("listening")),
                    "each listener is told once, on standard output: " + stderr);
        }
    }

    @Test
    void logConnectionsShowsEachOpenAndClose() throws Exception {
        try (EcoProcess eco = EcoProcess.serve("--port", "0", "--udp-port", "off", "--log-connections")) {
            talkOnce(eco.port("tcp"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> eco.stderr().stream().anyMatch(l -> l.contains(" opened"))
                            && eco.stderr().stream().anyMatch(l -> l.contains(" after ") && l.contains(" ms")));
            assertEquals(0, eco.terminate(Duration.ofSeconds(10)));
            assertTrue(
                    eco.stderr().stream().noneMatch(l -> l.contains("frame:")),
                    "only the connection lines, not every frame at debug: " + eco.stderr());
        }
    }

    private static void talkOnce(int port) throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            assertEquals("hi", client.roundTrip("hi"));
        }
    }
}

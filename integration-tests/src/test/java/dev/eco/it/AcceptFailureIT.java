package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Out of file descriptors, accept() fails at once for as long as that lasts. The server must pause between
 * attempts, not spin a core and flood its log, and serve again once descriptors are free.
 */
class AcceptFailureIT {

    private static final int OPEN_FILE_LIMIT = 80; // the JVM itself needs about 40
    private static final int CLIENTS = 100;

    @Test
    void runningOutOfFileDescriptorsNeitherSpinsNorFloodsTheLogAndPasses() throws Exception {
        try (EcoProcess eco = EcoProcess.serveWithOpenFileLimit(
                OPEN_FILE_LIMIT, "--port", "0", "--udp-port", "off", "--log-level", "debug")) {
            int port = eco.port("tcp");
            List<TestClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(
                            TestClient.connect(port)); // the kernel completes the handshake; the server may not accept
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> acceptFailures(eco) > 0);
                Duration cpuBefore = eco.cpuTime();
                long failuresBefore = acceptFailures(eco);
                // While descriptors stay exhausted, the server should stay quiet: at debug level every failed
                // attempt is a line, so a loop that does not pause would write thousands a second.
                await("fewer than 20 accept failures logged in a second")
                        .during(Duration.ofSeconds(1))
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> acceptFailures(eco) - failuresBefore < 20);
                Duration cpu = eco.cpuTime().minus(cpuBefore);
                assertTrue(
                        cpu.toMillis() < 500,
                        "the server used " + cpu.toMillis() + " ms of CPU in a second of waiting"
                                + " for descriptors: it is spinning on accept()");
            } finally {
                for (TestClient client : clients) {
                    client.close();
                }
            }
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                try (TestClient client = TestClient.connect(port)) {
                    assertEquals("served again", client.roundTrip("served again"));
                }
            });
            // Out of descriptors, the JDK's poller for virtual threads must already be running: started then, it
            // fails, and every connection's read after it fails too.
            assertTrue(
                    eco.stderr().stream().noneMatch(l -> l.startsWith("Exception in thread")),
                    () -> "a connection thread died:\n" + String.join("\n", eco.stderr()));
        }
    }

    private static long acceptFailures(EcoProcess eco) {
        return eco.stderr().stream()
                .filter(line -> line.contains("accept failed"))
                .count(); // WARN and DEBUG
    }
}

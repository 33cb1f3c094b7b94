package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.TestClient;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Out of file descriptors, accept() fails at once for as long as that lasts. The server must pause between
 * attempts (not spin a core, not flood its log: one warning, then a debug line per attempt), and serve again
 * once descriptors are free.
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
                // Out of descriptors, accept fails at once: a loop that did not pause would try thousands of
                // times a second. Each attempt is logged (at debug), with the time by the server's own clock, so
                // the pauses are measured where they happen, whatever the load on this machine.
                await().atMost(Duration.ofSeconds(20)).until(() -> firstRun(eco).size() >= RETRIES);
                List<LocalTime> run = firstRun(eco);
                Duration spent = Duration.between(run.getFirst(), run.get(RETRIES - 1));
                assertTrue(
                        spent.compareTo(PAUSES_BEFORE_RETRIES) >= 0,
                        RETRIES + " failed accepts in a row took " + spent.toMillis() + " ms by the server's clock:"
                                + " it does not pause (10 ms, doubling to 200 ms) between attempts:\n"
                                + String.join("\n", eco.stderr()));
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

    /** Attempts after the first whose pauses are checked: 10+20+40+80+160+200+200 ms at the least. */
    private static final int RETRIES = 8;

    private static final Duration PAUSES_BEFORE_RETRIES = Duration.ofMillis(10 + 20 + 40 + 80 + 160 + 200 + 200);

    /**
     * {@code 2026-12-06 12:00:00.123 WARN  [eco-accept-tcp] tcp accept failed: …; retrying with pauses} begins a
     * run of failures; {@code … DEBUG … tcp accept failed again (3): …} continues it.
     */
    private static final Pattern FAILURE = Pattern.compile("^\\S+ (\\S+) .*accept failed(?: again \\((\\d+)\\))?.*");

    /** When each failure of the first run was logged, by the server's clock, for as long as the run goes on. */
    private static List<LocalTime> firstRun(EcoProcess eco) {
        List<LocalTime> run = new ArrayList<>();
        for (String line : eco.stderr()) {
            Matcher m = FAILURE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int attempt = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            if (attempt != run.size() + 1) {
                break; // the descriptors came back for a moment: the run ended
            }
            run.add(LocalTime.parse(m.group(1)));
        }
        return run;
    }
}

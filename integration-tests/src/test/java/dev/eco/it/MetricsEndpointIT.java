package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.Flood;
import dev.eco.it.support.Scrape;
import dev.eco.it.support.TestClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code eco serve --metrics-port 0}, the real process: {@code /health} says 200 while eco serves and 503 while
 * it drains; a slow consumer is counted once; a metrics port in use or clashing is one sentence.
 */
class MetricsEndpointIT {

    private static final Duration COUNTED = Duration.ofSeconds(10);

    @Test
    void healthIs200WhileServingAnd503WhileDraining() throws Exception {
        try (EcoProcess eco = EcoProcess.serve(
                        "--port",
                        "0",
                        "--udp-port",
                        "off",
                        "--metrics-port",
                        "0",
                        "--shutdown-grace",
                        "60s",
                        "--write-timeout",
                        "0");
                TestClient stuck = TestClient.connect(eco.address("tcp"), Flood.smallBuffers())) {
            int metrics = eco.port("metrics");
            assertEquals(200, Scrape.health(metrics));
            // A client that sends and never reads keeps the drain going until the grace, or until it goes.
            Flood flood = Flood.start(stuck, "metrics-never-reads");
            flood.awaitStalled();

            eco.process().destroy(); // SIGTERM
            await("/health says 503 while eco drains")
                    .atMost(COUNTED)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> Scrape.health(metrics) == 503);
            assertTrue(eco.process().isAlive(), "eco still drains the stuck connection");
            assertEquals(
                    1,
                    Scrape.of(metrics).value("eco_connections_open{listener=\"tcp\"}"),
                    "/metrics is still served while draining");

            flood.stop();
            stuck.abort(); // the drain's last connection goes: eco exits at once, long before the grace
            assertEquals(0, eco.terminate(Duration.ofSeconds(15)), "exit code after the drain");
            assertThrows(ConnectException.class, () -> Scrape.health(metrics), "the metrics port closed at exit");
        }
    }

    @Test
    void aSlowConsumerIsCountedOnceAndClosedAsOne() throws Exception {
        // The queue bounds are well above a batch of 50 (the talker reads its copies after each), far below
        // what the sleeper, which never reads, is sent before the talker gives up (20 MB).
        try (EcoProcess eco = EcoProcess.serve(
                        "--port",
                        "0",
                        "--udp-port",
                        "off",
                        "--metrics-port",
                        "0",
                        "--rate-limit",
                        "0",
                        "--max-pending",
                        "200",
                        "--max-pending-bytes",
                        "262144");
                TestClient talker = TestClient.connect(eco.port("tcp"));
                TestClient sleeper = TestClient.connect(eco.address("tcp"), smallReceiver())) {
            int metrics = eco.port("metrics");
            talker.sendLine("/join r");
            assertTrue(talker.readLine().startsWith("joined r"));
            sleeper.sendLine("/join r");
            assertTrue(talker.readLine().endsWith(" joined r"));
            String padding = "x".repeat(1000);
            for (int batch = 0; batch < 400 && Scrape.of(metrics).value("eco_slow_consumers_total") == 0; batch++) {
                StringBuilder lines = new StringBuilder();
                for (int k = 0; k < 50; k++) {
                    lines.append("message ")
                            .append(batch)
                            .append('.')
                            .append(k)
                            .append(' ')
                            .append(padding)
                            .append('\n');
                }
                talker.send(lines.toString());
                String last = "message " + batch + ".49 " + padding;
                while (!talker.readLine().endsWith(last)) {
                    // its own copies, and at the end the notice that the sleeper left
                }
            }
            Map<String, Long> counts = Map.of(
                    "eco_slow_consumers_total", 1L,
                    "eco_connections_closed_total{listener=\"tcp\",reason=\"slow_consumer\"}", 1L,
                    "eco_error_replies_total{code=\"slow_consumer\"}", 1L,
                    "eco_connections_opened_total{listener=\"tcp\"}", 2L,
                    "eco_connections_open{listener=\"tcp\"}", 1L,
                    "eco_room_members", 1L);
            await().atMost(COUNTED).untilAsserted(() -> {
                Scrape after = Scrape.of(metrics);
                counts.forEach((sample, value) ->
                        assertEquals(value.longValue(), after.value(sample), sample + "\n" + after.text()));
            });
        }
    }

    private static Socket smallReceiver() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        return socket;
    }

    @Test
    void aMetricsPortInUseIsOneSentenceAndExitOneWithNothingListening() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            EcoProcess.Result run = EcoProcess.run("serve", "--port", "0", "--metrics-port", String.valueOf(port));
            assertEquals(1, run.exitCode(), run.toString());
            assertEquals(List.of("eco serve: --metrics-port " + port + " is in use"), run.stderr());
            assertEquals(List.of(), run.stdout(), "no listener was reported, none was left bound");
        }
    }

    @Test
    void aMetricsPortThatIsAnotherListenersOrSameIsAUsageError() throws Exception {
        EcoProcess.Result clash = EcoProcess.run("serve", "--port", "7124", "--metrics-port", "7124");
        assertEquals(2, clash.exitCode(), clash.toString());
        assertEquals(
                "eco serve: --metrics-port must differ from --port and --raw-port",
                clash.stderr().getFirst());
        EcoProcess.Result same = EcoProcess.run("serve", "--port", "0", "--metrics-port", "same");
        assertEquals(2, same.exitCode(), same.toString());
        assertEquals(
                "eco serve: --metrics-port cannot be 'same': use a port number, 0 or off",
                same.stderr().getFirst());
    }
}

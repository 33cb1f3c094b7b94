package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.ByteTally;
import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.ExpectedMetrics;
import dev.eco.it.support.Scrape;
import dev.eco.it.support.TestClient;
import dev.eco.prometheus.PrometheusMetrics;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code eco serve --metrics-port 0}, the real process: every metric is there at 0 before any traffic;
 * after known traffic each counter has exactly its value; promtool accepts the scrape; {@code /health}
 * says 200 while eco serves and 503 while it drains.
 */
class MetricsIT {

    private static final Duration COUNTED = Duration.ofSeconds(10);

    @Test
    void beforeAnyTrafficEveryMetricIsThereAtZeroAndAfterKnownTrafficEachCounterIsExact() throws Exception {
        try (EcoProcess eco = EcoProcess.serve(
                "--port",
                "0",
                "--metrics-port",
                "0",
                "--max-connections",
                "2",
                "--max-frame",
                "64",
                "--rate-limit",
                "1")) {
            int metrics = eco.port("metrics");
            assertTrue(
                    eco.stdout().getLast().startsWith("eco listening metrics 127.0.0.1:"),
                    "the metrics line comes after the others: " + eco.stdout());
            Scrape idle = Scrape.of(metrics);
            for (String name : PrometheusMetrics.NAMES) {
                assertTrue(idle.text().contains("# TYPE " + name + " "), name + " is missing:\n" + idle.text());
            }
            Map<String, Long> zero = ExpectedMetrics.of(Map.of());
            zero.forEach((sample, value) -> assertEquals(value.longValue(), idle.value(sample), sample));
            idle.samples().forEach((sample, value) -> assertEquals(0.0, value, sample + " before any traffic"));

            ByteTally tcp = new ByteTally();
            ByteTally udp = new ByteTally();
            echoErrorsAndQuit(eco.port("tcp"), tcp);
            // The quit connection must be gone before two room members fill --max-connections 2.
            await().atMost(COUNTED)
                    .untilAsserted(
                            () -> assertEquals(0, Scrape.of(metrics).value("eco_connections_open{listener=\"tcp\"}")));
            roomRateLimitAndRefusal(eco.port("tcp"), metrics, tcp);
            datagrams(eco.address("udp"), udp);

            Map<String, Long> counts = new HashMap<>();
            counts.put("eco_connections_opened_total{listener=\"tcp\"}", 3L);
            counts.put("eco_connections_closed_total{listener=\"tcp\",reason=\"quit\"}", 1L);
            counts.put("eco_connections_closed_total{listener=\"tcp\",reason=\"peer\"}", 2L);
            counts.put("eco_connections_refused_total{listener=\"tcp\",reason=\"server_full\"}", 1L);
            // 6 on the echo connection; the member's /join; the other's /join, room message, limited frame.
            counts.put("eco_frames_received_total{listener=\"tcp\"}", 10L);
            // 6 answers; joined, the other joined, the message, the other left; joined, the message, rate_limited.
            counts.put("eco_frames_sent_total{listener=\"tcp\"}", 13L);
            counts.put("eco_received_bytes_total{listener=\"tcp\"}", tcp.sent);
            counts.put("eco_sent_bytes_total{listener=\"tcp\"}", tcp.received);
            counts.put("eco_error_replies_total{code=\"bad_json\"}", 1L);
            counts.put("eco_error_replies_total{code=\"frame_too_long\"}", 1L);
            counts.put("eco_error_replies_total{code=\"rate_limited\"}", 1L);
            counts.put("eco_error_replies_total{code=\"server_full\"}", 1L);
            counts.put("eco_rate_limited_frames_total", 1L);
            counts.put("eco_udp_datagrams_answered_total", 3L);
            counts.put("eco_udp_datagrams_dropped_total{reason=\"privileged_port\"}", udp.privileged);
            counts.put("eco_received_bytes_total{listener=\"udp\"}", udp.sent);
            counts.put("eco_sent_bytes_total{listener=\"udp\"}", udp.received);
            // One observation per write that answered a read: the echo connection's six round trips.
            counts.put("eco_reply_latency_seconds_count", 6L);
            counts.put("eco_reply_latency_seconds_bucket{le=\"+Inf\"}", 6L);
            Map<String, Long> all = ExpectedMetrics.of(counts);
            // Closes, and the counts after a reply's write, complete on the server's threads after the client saw them.
            await().atMost(COUNTED).untilAsserted(() -> {
                Scrape after = Scrape.of(metrics);
                all.forEach((sample, value) ->
                        assertEquals(value.longValue(), after.value(sample), sample + "\n" + after.text()));
            });

            Scrape last = Scrape.of(metrics);
            last.promtool()
                    .ifPresentOrElse(
                            remarks ->
                                    assertEquals("", remarks, "promtool check metrics has remarks on:\n" + last.text()),
                            () -> System.out.println("SKIPPED promtool check metrics: promtool is not on PATH (Debian's"
                                    + " prometheus package has it; .ci/run installs it)"));
        }
    }

    @Test
    void anIdleTimeoutCloseIsCountedWithItsNotice() throws Exception {
        // The metrics options from the environment, as under systemd's EnvironmentFile.
        try (EcoProcess eco = EcoProcess.serve(
                        Map.of("ECO_METRICS_PORT", "0", "ECO_METRICS_HOST", "127.0.0.1"),
                        "--port",
                        "0",
                        "--udp-port",
                        "off",
                        "--idle-timeout",
                        "300ms");
                TestClient client = TestClient.connect(eco.port("tcp"))) {
            String notice = client.readRawLine();
            assertTrue(notice.startsWith("error: idle_timeout: "), notice);
            client.assertEof();
            long received = notice.getBytes(StandardCharsets.UTF_8).length + 1L;
            int metrics = eco.port("metrics");
            Map<String, Long> all = ExpectedMetrics.of(Map.of(
                    "eco_connections_opened_total{listener=\"tcp\"}", 1L,
                    "eco_connections_closed_total{listener=\"tcp\",reason=\"idle_timeout\"}", 1L,
                    "eco_error_replies_total{code=\"idle_timeout\"}", 1L,
                    "eco_frames_sent_total{listener=\"tcp\"}", 1L,
                    "eco_sent_bytes_total{listener=\"tcp\"}", received));
            await().atMost(COUNTED).untilAsserted(() -> {
                Scrape after = Scrape.of(metrics);
                all.forEach((sample, value) ->
                        assertEquals(value.longValue(), after.value(sample), sample + "\n" + after.text()));
            });
        }
    }

    private static void echoErrorsAndQuit(int port, ByteTally tally) throws IOException {
        try (TestClient client = TestClient.connect(port)) {
            assertEquals("hello", tally.roundTrip(client, "hello"));
            assertEquals(
                    "{\"type\":\"message\",\"body\":\"hi\",\"id\":\"m1\",\"seq\":1}",
                    tally.roundTrip(client, "{\"type\":\"message\",\"body\":\"hi\",\"id\":\"m1\"}"));
            assertEquals(
                    "{\"type\":\"message\",\"body\":[1,2],\"seq\":2}",
                    tally.roundTrip(client, "{\"type\":\"message\",\"body\":[1,2]}"));
            assertTrue(tally.roundTrip(client, "{oops").startsWith("{\"type\":\"error\",\"code\":\"bad_json\""));
            assertTrue(tally.roundTrip(client, "x".repeat(100)).startsWith("error: frame_too_long: "));
            assertEquals("bye", tally.roundTrip(client, "quit"));
            client.assertEof();
        }
    }

    /** Two members in a room, one message, one rate-limited frame (burst 2 of --rate-limit 1), one refusal. */
    private static void roomRateLimitAndRefusal(int port, int metrics, ByteTally tally) throws Exception {
        try (TestClient member = TestClient.connect(port);
                TestClient sender = TestClient.connect(port)) {
            tally.send(member, "/join room\n");
            assertTrue(tally.read(member).startsWith("joined room, members: "));
            // One write, so that the three chat frames are read in one go, well within the limit's second.
            tally.send(sender, "/join room\nhello room\nagain\n");
            List<String> answers = List.of(tally.read(sender), tally.read(sender), tally.read(sender));
            assertTrue(answers.getFirst().startsWith("joined room, members: "), answers.toString());
            assertTrue(answers.stream().anyMatch(line -> line.endsWith("> hello room")), answers.toString());
            assertTrue(answers.stream().anyMatch(line -> line.startsWith("error: rate_limited: ")), answers.toString());
            assertTrue(tally.read(member).endsWith(" joined room"));
            assertTrue(tally.read(member).endsWith("> hello room"));

            await().atMost(COUNTED).untilAsserted(() -> {
                Scrape during = Scrape.of(metrics);
                assertEquals(1, during.value("eco_rooms"));
                assertEquals(2, during.value("eco_room_members"));
                assertEquals(2, during.value("eco_connections_open{listener=\"tcp\"}"));
            });
            try (TestClient refused = TestClient.connect(port)) { // not tallied: a refusal moves no bytes counted
                assertTrue(refused.readLine().startsWith("error: server_full: "));
                refused.assertEof();
            }
            sender.socket().close(); // the sender hangs up; its own close() at the end is harmless
            assertTrue(tally.read(member).endsWith(" left room"));
        }
    }

    private static void datagrams(InetSocketAddress server, ByteTally tally) throws IOException {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout((int) TestClient.READ_TIMEOUT.toMillis());
            assertEquals("ping udp", tally.ask(client, server, "ping udp"));
            assertEquals("{\"type\":\"pong\",\"id\":1}", tally.ask(client, server, "{\"type\":\"ping\",\"id\":1}"));
            Optional<DatagramSocket> privileged = privilegedSocket();
            if (privileged.isPresent()) {
                try (DatagramSocket low = privileged.get()) {
                    byte[] datagram = "from a privileged port".getBytes(StandardCharsets.UTF_8);
                    low.send(new DatagramPacket(datagram, datagram.length, server));
                    tally.sent += datagram.length;
                    tally.privileged++;
                }
            } else {
                System.out.println(
                        "NOTE: no UDP port below 1024 could be bound (root or CAP_NET_BIND_SERVICE needs it);"
                                + " the privileged_port drop is expected at 0");
            }
            // Answered after the dropped one, so the drop was counted first (one thread, in arrival order).
            assertEquals("after", tally.ask(client, server, "after"));
        }
    }

    private static Optional<DatagramSocket> privilegedSocket() {
        for (int port = 1000; port < 1024; port++) {
            try {
                return Optional.of(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            } catch (SocketException e) {
                // taken or not allowed: try the next
            }
        }
        return Optional.empty();
    }
}

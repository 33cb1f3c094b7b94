package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.Flood;
import dev.eco.it.support.Scrape;
import dev.eco.it.support.TestClient;
import dev.eco.prometheus.PrometheusMetrics;
import dev.eco.protocol.ErrorCode;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.ServerMetrics.Listener;
import dev.eco.server.ServerMetrics.UdpDrop;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
        try (EcoProcess eco = EcoProcess.serve("--port", "0", "--metrics-port", "0", "--max-connections", "2",
                "--max-frame", "64", "--rate-limit", "1")) {
            int metrics = eco.port("metrics");
            assertTrue(eco.stdout().getLast().startsWith("eco listening metrics 127.0.0.1:"),
                    "the metrics line comes after the others: " + eco.stdout());
            Scrape idle = Scrape.of(metrics);
            for (String name : PrometheusMetrics.NAMES) {
                assertTrue(idle.text().contains("# TYPE " + name + " "), name + " is missing:\n" + idle.text());
            }
            Map<String, Long> zero = expected(Map.of());
            zero.forEach((sample, value) -> assertEquals(value.longValue(), idle.value(sample), sample));
            idle.samples().forEach((sample, value) -> assertEquals(0.0, value, sample + " before any traffic"));

            Tally tcp = new Tally();
            Tally udp = new Tally();
            echoErrorsAndQuit(eco.port("tcp"), tcp);
            // The quit connection must be gone before two room members fill --max-connections 2.
            await().atMost(COUNTED).untilAsserted(() ->
                    assertEquals(0, Scrape.of(metrics).value("eco_connections_open{listener=\"tcp\"}")));
            roomRateLimitAndRefusal(eco.port("tcp"), metrics, tcp);
            datagrams(new InetSocketAddress("127.0.0.1", eco.port("udp")), udp);

            Map<String, Long> counts = new HashMap<>();
            counts.put("eco_connections_opened_total{listener=\"tcp\"}", 3L);
            counts.put("eco_connections_closed_total{listener=\"tcp\",reason=\"quit\"}", 1L);
            counts.put("eco_connections_closed_total{listener=\"tcp\",reason=\"peer\"}", 2L);
            counts.put("eco_connections_refused_total{listener=\"tcp\"}", 1L);
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
            Map<String, Long> all = expected(counts);
            // Closes, and the counts after a reply's write, complete on the server's threads after the client saw them.
            await().atMost(COUNTED).untilAsserted(() -> {
                Scrape after = Scrape.of(metrics);
                all.forEach((sample, value) -> assertEquals(value.longValue(), after.value(sample), sample + "\n" + after.text()));
            });

            Scrape last = Scrape.of(metrics);
            last.promtool().ifPresentOrElse(
                    remarks -> assertEquals("", remarks, "promtool check metrics has remarks on:\n" + last.text()),
                    () -> System.out.println("SKIPPED promtool check metrics: promtool is not on PATH (Debian's"
                            + " prometheus package has it; .ci/run installs it)"));
        }
    }

    @Test
    void anIdleTimeoutCloseIsCountedWithItsNotice() throws Exception {
        // The metrics options from the environment, as under systemd's EnvironmentFile.
        try (EcoProcess eco = EcoProcess.serve(Map.of("ECO_METRICS_PORT", "0", "ECO_METRICS_HOST", "127.0.0.1"),
                "--port", "0", "--udp-port", "off", "--idle-timeout", "300ms");
                TestClient client = TestClient.connect(eco.port("tcp"))) {
            String notice = client.readRawLine();
            assertTrue(notice.startsWith("error: idle_timeout: "), notice);
            client.assertEof();
            long received = notice.getBytes(StandardCharsets.UTF_8).length + 1;
            int metrics = eco.port("metrics");
            Map<String, Long> all = expected(Map.of(
                    "eco_connections_opened_total{listener=\"tcp\"}", 1L,
                    "eco_connections_closed_total{listener=\"tcp\",reason=\"idle_timeout\"}", 1L,
                    "eco_error_replies_total{code=\"idle_timeout\"}", 1L,
                    "eco_frames_sent_total{listener=\"tcp\"}", 1L,
                    "eco_sent_bytes_total{listener=\"tcp\"}", received));
            await().atMost(COUNTED).untilAsserted(() -> {
                Scrape after = Scrape.of(metrics);
                all.forEach((sample, value) -> assertEquals(value.longValue(), after.value(sample), sample + "\n" + after.text()));
            });
        }
    }

    @Test
    void healthIs200WhileServingAnd503WhileDraining() throws Exception {
        try (EcoProcess eco = EcoProcess.serve("--port", "0", "--udp-port", "off", "--metrics-port", "0",
                "--shutdown-grace", "60s", "--write-timeout", "0");
                TestClient stuck = TestClient.connect(new InetSocketAddress("127.0.0.1", eco.port("tcp")),
                        Flood.smallBuffers())) {
            int metrics = eco.port("metrics");
            assertEquals(200, Scrape.health(metrics));
            // A client that sends and never reads keeps the drain going until the grace, or until it goes.
            Flood flood = Flood.start(stuck, "metrics-never-reads");
            flood.awaitStalled();

            eco.process().destroy(); // SIGTERM
            await("/health says 503 while eco drains").atMost(COUNTED).pollInterval(Duration.ofMillis(100))
                    .until(() -> Scrape.health(metrics) == 503);
            assertTrue(eco.process().isAlive(), "eco still drains the stuck connection");
            assertEquals(1, Scrape.of(metrics).value("eco_connections_open{listener=\"tcp\"}"),
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
        try (EcoProcess eco = EcoProcess.serve("--port", "0", "--udp-port", "off", "--metrics-port", "0",
                "--rate-limit", "0", "--max-pending", "200", "--max-pending-bytes", "262144");
                TestClient talker = TestClient.connect(eco.port("tcp"));
                TestClient sleeper = TestClient.connect(new InetSocketAddress("127.0.0.1", eco.port("tcp")), smallReceiver())) {
            int metrics = eco.port("metrics");
            talker.sendLine("/join r");
            assertTrue(talker.readLine().startsWith("joined r"));
            sleeper.sendLine("/join r");
            assertTrue(talker.readLine().endsWith(" joined r"));
            String padding = "x".repeat(1000);
            for (int batch = 0; batch < 400 && Scrape.of(metrics).value("eco_slow_consumers_total") == 0; batch++) {
                StringBuilder lines = new StringBuilder();
                for (int k = 0; k < 50; k++) {
                    lines.append("message ").append(batch).append('.').append(k).append(' ').append(padding).append('\n');
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
                counts.forEach((sample, value) -> assertEquals(value.longValue(), after.value(sample), sample + "\n" + after.text()));
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
        assertEquals("eco serve: --metrics-port must differ from --port and --raw-port", clash.stderr().getFirst());
        EcoProcess.Result same = EcoProcess.run("serve", "--port", "0", "--metrics-port", "same");
        assertEquals(2, same.exitCode(), same.toString());
        assertEquals("eco serve: --metrics-port cannot be 'same': use a port number, 0 or off", same.stderr().getFirst());
    }

    private static void echoErrorsAndQuit(int port, Tally tally) throws IOException {
        try (TestClient client = TestClient.connect(port)) {
            assertEquals("hello", tally.roundTrip(client, "hello"));
            assertEquals("{\"type\":\"message\",\"body\":\"hi\",\"id\":\"m1\",\"seq\":1}",
                    tally.roundTrip(client, "{\"type\":\"message\",\"body\":\"hi\",\"id\":\"m1\"}"));
            assertEquals("{\"type\":\"message\",\"body\":[1,2],\"seq\":2}",
                    tally.roundTrip(client, "{\"type\":\"message\",\"body\":[1,2]}"));
            assertTrue(tally.roundTrip(client, "{oops").startsWith("{\"type\":\"error\",\"code\":\"bad_json\""));
            assertTrue(tally.roundTrip(client, "x".repeat(100)).startsWith("error: frame_too_long: "));
            assertEquals("bye", tally.roundTrip(client, "quit"));
            client.assertEof();
        }
    }

    /** Two members in a room, one message, one rate-limited frame (burst 2 of --rate-limit 1), one refusal. */
    private static void roomRateLimitAndRefusal(int port, int metrics, Tally tally) throws Exception {
        try (TestClient member = TestClient.connect(port); TestClient sender = TestClient.connect(port)) {
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

    private static void datagrams(InetSocketAddress server, Tally tally) throws IOException {
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
                System.out.println("NOTE: no UDP port below 1024 could be bound (root or CAP_NET_BIND_SERVICE needs it);"
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

    /**
     * Every sample whose labels are known up front: the given values, and 0 for the rest. The histogram's
     * finite buckets and sum depend on timing, so they are left out; its count and +Inf bucket are in.
     */
    private static Map<String, Long> expected(Map<String, Long> given) {
        Map<String, Long> all = new HashMap<>();
        List<String> streams = new ArrayList<>();
        for (Listener listener : Listener.values()) {
            String l = label(listener);
            all.put("eco_received_bytes_total{listener=\"" + l + "\"}", 0L);
            all.put("eco_sent_bytes_total{listener=\"" + l + "\"}", 0L);
            if (listener != Listener.UDP) {
                streams.add(l);
            }
        }
        for (String l : streams) {
            for (String name : List.of("eco_connections_opened_total", "eco_connections_open",
                    "eco_connections_refused_total", "eco_frames_received_total", "eco_frames_sent_total")) {
                all.put(name + "{listener=\"" + l + "\"}", 0L);
            }
            for (Close reason : Close.values()) {
                all.put("eco_connections_closed_total{listener=\"" + l + "\",reason=\"" + label(reason) + "\"}", 0L);
            }
        }
        for (ErrorCode code : ErrorCode.values()) {
            all.put("eco_error_replies_total{code=\"" + label(code) + "\"}", 0L);
        }
        for (UdpDrop reason : UdpDrop.values()) {
            all.put("eco_udp_datagrams_dropped_total{reason=\"" + label(reason) + "\"}", 0L);
        }
        for (String name : List.of("eco_rate_limited_frames_total", "eco_slow_consumers_total",
                "eco_udp_datagrams_answered_total", "eco_rooms", "eco_room_members", "eco_reply_latency_seconds_count",
                "eco_reply_latency_seconds_bucket{le=\"+Inf\"}")) {
            all.put(name, 0L);
        }
        given.forEach((sample, value) -> {
            if (!all.containsKey(sample)) {
                throw new IllegalArgumentException("not a known sample: " + sample);
            }
            all.put(sample, value);
        });
        return all;
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The bytes the test's clients sent and received, to compare with the server's byte counters. */
    private static final class Tally {
        long sent;
        long received;
        long privileged;

        void send(TestClient client, String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            client.send(bytes);
            sent += bytes.length;
        }

        String read(TestClient client) throws IOException {
            String line = client.readRawLine();
            received += line.getBytes(StandardCharsets.UTF_8).length + 1;
            return line;
        }

        String roundTrip(TestClient client, String line) throws IOException {
            send(client, line + "\n");
            return read(client);
        }

        String ask(DatagramSocket client, InetSocketAddress server, String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            client.send(new DatagramPacket(bytes, bytes.length, server));
            sent += bytes.length;
            DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
            client.receive(reply);
            received += reply.getLength();
            return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
        }
    }
}

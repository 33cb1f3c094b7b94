package dev.eco.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.protocol.ErrorCode;
import dev.eco.server.ServerLoop;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.ServerMetrics.ListenerKind;
import dev.eco.server.ServerMetrics.Refusal;
import dev.eco.server.ServerMetrics.UdpDrop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each ServerMetrics call lands in its metric, with its labels, and nowhere else. */
class PrometheusMetricsTest {

    private final PrometheusMetrics metrics = new PrometheusMetrics();

    @Test
    void connectionsAreCountedByListenerAndReason() {
        metrics.connectionOpened(ListenerKind.TCP);
        metrics.connectionOpened(ListenerKind.TCP);
        metrics.connectionOpened(ListenerKind.TCP);
        metrics.connectionOpened(ListenerKind.RAW);
        metrics.connectionClosed(ListenerKind.TCP, Close.QUIT);
        metrics.connectionClosed(ListenerKind.TCP, Close.IDLE_TIMEOUT);
        metrics.connectionClosed(ListenerKind.RAW, Close.WRITE_TIMEOUT);
        metrics.connectionRefused(ListenerKind.TCP, Refusal.SERVER_FULL);
        metrics.connectionRefused(ListenerKind.TCP, Refusal.SERVER_FULL);
        metrics.connectionRefused(ListenerKind.TCP, Refusal.ADDRESS_FULL);

        Scrape scrape = Scrape.of(metrics.registry());
        assertEquals(3, scrape.value("eco_connections_opened_total{listener=\"tcp\"}"));
        assertEquals(1, scrape.value("eco_connections_opened_total{listener=\"raw\"}"));
        assertEquals(0, scrape.value("eco_connections_opened_total{listener=\"tls\"}"));
        assertEquals(1, scrape.value("eco_connections_open{listener=\"tcp\"}"));
        assertEquals(0, scrape.value("eco_connections_open{listener=\"raw\"}"));
        assertEquals(1, scrape.value("eco_connections_closed_total{listener=\"tcp\",reason=\"quit\"}"));
        assertEquals(1, scrape.value("eco_connections_closed_total{listener=\"tcp\",reason=\"idle_timeout\"}"));
        assertEquals(0, scrape.value("eco_connections_closed_total{listener=\"tcp\",reason=\"write_timeout\"}"));
        assertEquals(1, scrape.value("eco_connections_closed_total{listener=\"raw\",reason=\"write_timeout\"}"));
        assertEquals(2, scrape.value("eco_connections_refused_total{listener=\"tcp\",reason=\"server_full\"}"));
        assertEquals(1, scrape.value("eco_connections_refused_total{listener=\"tcp\",reason=\"address_full\"}"));
        assertEquals(0, scrape.value("eco_connections_refused_total{listener=\"raw\",reason=\"server_full\"}"));
    }

    @Test
    void aLoopThatEndedIsCountedByItsName() {
        assertEquals(0, Scrape.of(metrics.registry()).value("eco_loops_ended_total{loop=\"sweeper\"}"));
        metrics.loopEnded(ServerLoop.ACCEPT_TLS);
        Scrape scrape = Scrape.of(metrics.registry());
        assertEquals(1, scrape.value("eco_loops_ended_total{loop=\"accept_tls\"}"));
        assertEquals(0, scrape.value("eco_loops_ended_total{loop=\"udp\"}"));
    }

    @Test
    void udpHasNoConnectionSeriesUntilSomethingIsCountedThere() {
        Scrape before = Scrape.of(metrics.registry());
        assertFalse(before.has("eco_connections_opened_total{listener=\"udp\"}"), before.text());
        assertFalse(before.has("eco_connections_open{listener=\"udp\"}"), before.text());
        assertTrue(before.has("eco_received_bytes_total{listener=\"udp\"}"), before.text());

        // Not what the server does, but a count is never lost: the series appears when it is first used.
        metrics.connectionOpened(ListenerKind.UDP);
        metrics.connectionClosed(ListenerKind.UDP, Close.PEER);
        Scrape after = Scrape.of(metrics.registry());
        assertEquals(1, after.value("eco_connections_opened_total{listener=\"udp\"}"));
        assertEquals(1, after.value("eco_connections_closed_total{listener=\"udp\",reason=\"peer\"}"));
        assertEquals(0, after.value("eco_connections_open{listener=\"udp\"}"));
    }

    @Test
    void readsAndWritesCountBytesAndFramesByListener() {
        metrics.read(ListenerKind.TCP, 100, 3);
        metrics.read(ListenerKind.TCP, 7, 0);
        metrics.read(ListenerKind.RAW, 50, 0);
        metrics.wrote(ListenerKind.TCP, 90, 3, 40_000);
        metrics.wrote(ListenerKind.TCP, 12, 1, -1);
        metrics.wrote(ListenerKind.RAW, 50, 0, 2_000_000);

        Scrape scrape = Scrape.of(metrics.registry());
        assertEquals(107, scrape.value("eco_received_bytes_total{listener=\"tcp\"}"));
        assertEquals(50, scrape.value("eco_received_bytes_total{listener=\"raw\"}"));
        assertEquals(3, scrape.value("eco_frames_received_total{listener=\"tcp\"}"));
        assertEquals(0, scrape.value("eco_frames_received_total{listener=\"raw\"}"));
        assertEquals(102, scrape.value("eco_sent_bytes_total{listener=\"tcp\"}"));
        assertEquals(50, scrape.value("eco_sent_bytes_total{listener=\"raw\"}"));
        assertEquals(4, scrape.value("eco_frames_sent_total{listener=\"tcp\"}"));
    }

    @Test
    void theLatencyHistogramHasOneObservationPerWriteThatAnsweredARead() {
        metrics.wrote(ListenerKind.TCP, 10, 1, 40_000); // 40 µs
        metrics.wrote(ListenerKind.TCP, 10, 5, 2_000_000); // 2 ms, for five pipelined frames
        metrics.wrote(ListenerKind.TCP, 10, 1, -1); // room traffic: no read of this connection

        Scrape scrape = Scrape.of(metrics.registry());
        assertEquals(2, scrape.value("eco_reply_latency_seconds_count"));
        assertEquals(0.002_04, scrape.value("eco_reply_latency_seconds_sum"), 1e-12);
        assertEquals(0, scrape.value("eco_reply_latency_seconds_bucket{le=\"2.5E-5\"}"));
        assertEquals(1, scrape.value("eco_reply_latency_seconds_bucket{le=\"5.0E-5\"}"));
        assertEquals(1, scrape.value("eco_reply_latency_seconds_bucket{le=\"0.001\"}"));
        assertEquals(2, scrape.value("eco_reply_latency_seconds_bucket{le=\"0.0025\"}"));
        assertEquals(2, scrape.value("eco_reply_latency_seconds_bucket{le=\"+Inf\"}"));
    }

    @Test
    void errorRepliesAreCountedByTheirWireCode() {
        metrics.errorReply(ListenerKind.TCP, ErrorCode.BAD_JSON);
        metrics.errorReply(ListenerKind.TCP, ErrorCode.BAD_JSON);
        metrics.errorReply(ListenerKind.UDP, ErrorCode.FRAME_TOO_LONG);

        Scrape scrape = Scrape.of(metrics.registry());
        assertEquals(2, scrape.value("eco_error_replies_total{code=\"bad_json\"}"));
        assertEquals(1, scrape.value("eco_error_replies_total{code=\"frame_too_long\"}"));
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(
                    scrape.has("eco_error_replies_total{code=\"" + code.wireName() + "\"}"),
                    code + " is there from the start");
        }
    }

    @Test
    void chatAndUdpEventsHaveTheirCounters() {
        metrics.rateLimited();
        metrics.rateLimited();
        metrics.slowConsumer();
        metrics.udpAnswered(10, 12);
        metrics.udpAnswered(5, 5);
        metrics.udpDropped(UdpDrop.PRIVILEGED_PORT, 3);
        metrics.udpDropped(UdpDrop.RATE_LIMITED, 4);
        metrics.udpDropped(UdpDrop.RATE_LIMITED, 4);

        Scrape scrape = Scrape.of(metrics.registry());
        assertEquals(2, scrape.value("eco_rate_limited_frames_total"));
        assertEquals(1, scrape.value("eco_slow_consumers_total"));
        assertEquals(2, scrape.value("eco_udp_datagrams_answered_total"));
        assertEquals(1, scrape.value("eco_udp_datagrams_dropped_total{reason=\"privileged_port\"}"));
        assertEquals(2, scrape.value("eco_udp_datagrams_dropped_total{reason=\"rate_limited\"}"));
        assertEquals(0, scrape.value("eco_udp_datagrams_dropped_total{reason=\"reply_too_large\"}"));
        assertEquals(26, scrape.value("eco_received_bytes_total{listener=\"udp\"}"));
        assertEquals(17, scrape.value("eco_sent_bytes_total{listener=\"udp\"}"));
        assertEquals(0, scrape.value("eco_received_bytes_total{listener=\"tcp\"}"));
    }

    @Test
    void roomGaugesAreReadAtEachScrape() {
        AtomicInteger rooms = new AtomicInteger(2);
        AtomicInteger members = new AtomicInteger(5);
        metrics.watchRooms(rooms::get, members::get);
        assertEquals(2, Scrape.of(metrics.registry()).value("eco_rooms"));
        assertEquals(5, Scrape.of(metrics.registry()).value("eco_room_members"));

        rooms.set(0);
        members.set(0);
        assertEquals(0, Scrape.of(metrics.registry()).value("eco_rooms"));
        assertEquals(0, Scrape.of(metrics.registry()).value("eco_room_members"));
        assertThrows(IllegalStateException.class, () -> metrics.watchRooms(rooms::get, members::get));
    }

    @Test
    void aScrapeHasExactlyTheDocumentedMetrics() {
        metrics.watchRooms(() -> 0, () -> 0);
        assertEquals(
                new java.util.TreeSet<>(PrometheusMetrics.NAMES),
                new java.util.TreeSet<>(Scrape.of(metrics.registry()).families()));
    }

    @Test
    void docsOperationsListsEveryMetricAndEveryReason() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "operations.md"));
        for (String name : PrometheusMetrics.NAMES) {
            assertTrue(docs.contains("| `" + name + "` |"), name + " has its row in docs/operations.md");
        }
        for (Close reason : Close.values()) {
            assertTrue(
                    docs.contains("| `" + LabelChildren.label(reason) + "` |"),
                    reason + " is explained in docs/operations.md");
        }
        for (Refusal reason : Refusal.values()) {
            assertTrue(
                    docs.contains("`" + LabelChildren.label(reason) + "`"),
                    reason + " is explained in docs/operations.md");
        }
        for (ServerLoop loop : ServerLoop.values()) {
            assertTrue(docs.contains("`" + loop.label() + "`"), loop + " is explained in docs/operations.md");
        }
        for (UdpDrop reason : UdpDrop.values()) {
            assertTrue(
                    docs.contains("`" + LabelChildren.label(reason) + "`"),
                    reason + " is explained in docs/operations.md");
        }
    }

    @Test
    void twoInstancesDoNotShareARegistry() {
        PrometheusMetrics other = new PrometheusMetrics();
        other.read(ListenerKind.TCP, 5, 1);
        assertEquals(0, Scrape.of(metrics.registry()).value("eco_received_bytes_total{listener=\"tcp\"}"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new PrometheusMetrics(metrics.registry()),
                "a second set of the same names in one registry");
    }

    @Test
    void countsFromManyThreadsAtOnceAddUp() throws Exception {
        int threads = 8;
        int perThread = 20_000;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        metrics.read(ListenerKind.TCP, 3, 1);
                        metrics.wrote(ListenerKind.TCP, 3, 1, 1_000);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        Scrape scrape = Scrape.of(metrics.registry());
        assertEquals(threads * perThread, scrape.value("eco_frames_received_total{listener=\"tcp\"}"));
        assertEquals(3.0 * threads * perThread, scrape.value("eco_sent_bytes_total{listener=\"tcp\"}"));
        assertEquals(threads * perThread, scrape.value("eco_reply_latency_seconds_count"));
    }
}

package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.TestClient;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerConfigBuilder;
import dev.eco.server.ServerMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A connection quiet for {@code --hibernate-after} gives up its thread and waits in the shared selector; whatever
 * wakes it (bytes, a half-close, the idle timeout, shutdown), it goes on as if it had never slept, and nothing its
 * client sent is lost. Each test first waits until the server counts the connection as hibernated, so a test
 * that passed without hibernation would not pass at all.
 */
class HibernationIT {

    /** Short, so that the sweeper (once a second) finds a quiet connection drowsy at its next look. */
    static final Duration HIBERNATE_AFTER = Duration.ofMillis(100);

    private static final Duration WAIT = Duration.ofSeconds(10);

    static ServerConfigBuilder config() {
        return ServerConfig.forTests().toBuilder().hibernateAfter(HIBERNATE_AFTER);
    }

    static void awaitHibernated(EcoServer server, int connections) {
        await("connections hibernated").atMost(WAIT).until(server::hibernatedConnections, n -> n == connections);
    }

    /** Counts the bytes the server read from its line connections. */
    static final class BytesRead implements ServerMetrics {
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void read(ListenerKind listener, int n, int frames) {
            bytes.addAndGet(n);
        }
    }

    @Test
    void aNewConnectionWaitsForItsFirstBytesHibernatedAndOneByteWakesIt() throws Exception {
        BytesRead metrics = new BytesRead();
        try (EcoServer server = EcoServer.start(config().build(), metrics);
                TestClient client = TestClient.connect(server.tcpAddress())) {
            awaitHibernated(server, 1);
            client.send("x"); // one byte, no line yet: the connection wakes, reads it, keeps it, sleeps again
            await("the byte read").atMost(WAIT).until(metrics.bytes::get, n -> n == 1);
            awaitHibernated(server, 1);
            client.send("yz\n");
            assertEquals("xyz", client.readLine(), "the byte read before the sleep was kept");
        }
    }

    @Test
    void everyLineIsAnsweredInOrderAcrossManySleeps() throws Exception {
        try (EcoServer server = EcoServer.start(config().build());
                TestClient client = TestClient.connect(server.tcpAddress())) {
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                awaitHibernated(server, 1);
                client.send("line " + i + " first half, "); // a frame cut across a sleep
                awaitHibernated(server, 1);
                client.send("second half\nand line " + i + " whole\n");
                replies.add(client.readLine());
                replies.add(client.readLine());
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                expected.add("line " + i + " first half, second half");
                expected.add("and line " + i + " whole");
            }
            assertEquals(expected, replies);
        }
    }

    @Test
    void aHalfCloseWakesItAndItsLastUnterminatedFrameIsAnswered() throws Exception {
        try (EcoServer server = EcoServer.start(config().build());
                TestClient client = TestClient.connect(server.tcpAddress())) {
            assertEquals("hi", client.roundTrip("hi"));
            client.send("last without newline");
            awaitHibernated(server, 1);
            client.socket().shutdownOutput();
            assertEquals("last without newline", client.readLine());
            client.assertEof();
            await().atMost(WAIT).until(server::openConnections, n -> n == 0);
        }
    }

    @Test
    void theIdleTimeoutEndsAHibernatedConnectionWithItsNotice() throws Exception {
        try (EcoServer server = EcoServer.start(
                        config().idleTimeout(Duration.ofSeconds(2)).build());
                TestClient client = TestClient.connect(server.tcpAddress())) {
            assertEquals("hi", client.roundTrip("hi"));
            awaitHibernated(server, 1);
            String notice = client.readLine();
            assertTrue(notice.startsWith("error: idle_timeout: "), notice);
            client.assertEof();
        }
    }

    @Test
    void shutdownWakesAHibernatedConnectionToAnswerAndTellIt() throws Exception {
        EcoServer server = EcoServer.start(config().build());
        try (TestClient client = TestClient.connect(server.tcpAddress());
                TestClient raw = TestClient.connect(server.rawAddress().orElseThrow())) {
            assertEquals("hi", client.roundTrip("hi"));
            client.send("sent before the shutdown, unterminated");
            raw.send("raw");
            assertEquals("raw", new String(raw.readBytes(3), java.nio.charset.StandardCharsets.US_ASCII));
            awaitHibernated(server, 2);
            server.close();
            assertEquals("server shutting down", client.readLine());
            client.assertEof();
            raw.assertEof();
            assertEquals(0, server.openConnections());
        } finally {
            server.close();
        }
    }

    @Test
    void aConnectionInARoomKeepsItsThreadAndHearsTheRoom() throws Exception {
        try (EcoServer server = EcoServer.start(config().build());
                TestClient member = TestClient.connect(server.tcpAddress());
                TestClient other = TestClient.connect(server.tcpAddress())) {
            awaitHibernated(server, 2);
            assertTrue(member.roundTrip("/join lobby").startsWith("joined lobby"));
            assertTrue(other.roundTrip("/join lobby").startsWith("joined lobby"));
            assertTrue(member.readLine().contains("joined"), "the member hears the other join");
            other.sendLine("/leave");
            assertEquals("left lobby", other.readLine());
            assertTrue(member.readLine().contains("left"), "the member hears the other leave");
            awaitHibernated(server, 1); // the one that left; the member stays awake for its room's writer
            other.sendLine("/join lobby");
            assertTrue(other.readLine().startsWith("joined lobby"));
            assertTrue(member.readLine().contains("joined"), "the member still hears its room");
        }
    }

    @Test
    void manyConnectionsSleepAndWakeIndependently() throws IOException {
        try (EcoServer server = EcoServer.start(config().build())) {
            List<TestClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    clients.add(TestClient.connect(server.tcpAddress()));
                }
                for (int round = 0; round < 3; round++) {
                    awaitHibernated(server, clients.size());
                    for (int i = 0; i < clients.size(); i++) {
                        clients.get(i).sendLine("round " + round + " client " + i);
                    }
                    for (int i = 0; i < clients.size(); i++) {
                        assertEquals(
                                "round " + round + " client " + i,
                                clients.get(i).readLine());
                    }
                }
            } finally {
                for (TestClient client : clients) {
                    client.close();
                }
            }
        }
    }
}

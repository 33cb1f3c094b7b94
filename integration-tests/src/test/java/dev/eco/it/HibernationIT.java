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
 * A new connection waits for its first bytes hibernated, and one quiet for {@code --hibernate-after} gives up its
 * thread at its next read; whatever wakes it (bytes, a half-close, the idle timeout, shutdown), it goes on as if
 * it had never slept, and nothing its client sent is lost. Each test waits until the server counts the
 * connection as hibernated, so a test that passed without hibernation would not pass at all.
 */
public class HibernationIT {

    /** Short, so that the sweeper (once a second) finds a quiet connection drowsy at its next look. */
    static final Duration HIBERNATE_AFTER = Duration.ofMillis(100);

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** More than a sweep apart, so that the sweeper finds a connection quiet between two pokes. */
    private static final Duration POKES = Duration.ofMillis(2500);

    static ServerConfigBuilder config() {
        return ServerConfig.forTests().toBuilder().hibernateAfter(HIBERNATE_AFTER);
    }

    public static void awaitHibernated(EcoServer server, int connections) {
        await("connections hibernated").atMost(WAIT).until(server::hibernatedConnections, n -> n == connections);
    }

    /**
     * A client that has spoken is awake until the sweeper finds it quiet (no traffic between two of its looks,
     * once a second, and for {@link #HIBERNATE_AFTER}), and hibernates at its next read: so it sends
     * {@code poke} every 2.5 s until it has; returns how many it sent, all part of the frame it is sending.
     */
    public static int pokeUntilHibernated(EcoServer server, TestClient client, char poke) {
        int[] pokes = {0};
        await("hibernated after a poke")
                .atMost(Duration.ofSeconds(30))
                .pollDelay(POKES)
                .pollInterval(POKES)
                .until(() -> {
                    if (server.hibernatedConnections() > 0) {
                        return true;
                    }
                    client.send(String.valueOf(poke));
                    pokes[0]++;
                    return false;
                });
        return pokes[0];
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
            client.send("x"); // one byte, no line yet: the connection wakes and reads it
            await("the byte read").atMost(WAIT).until(metrics.bytes::get, n -> n == 1);
            int pokes = pokeUntilHibernated(server, client, 'y');
            client.send("z\n");
            assertEquals("x" + "y".repeat(pokes) + "z", client.readLine(), "what was read before the sleep was kept");
        }
    }

    @Test
    void everyLineIsAnsweredInOrderAcrossManySleeps() throws Exception {
        try (EcoServer server = EcoServer.start(config().build());
                TestClient client = TestClient.connect(server.tcpAddress())) {
            for (int i = 0; i < 4; i++) {
                client.send("line " + i + " first half, "); // a frame cut across a sleep
                int pokes = pokeUntilHibernated(server, client, '-');
                client.send("second half\nand line " + i + " whole\n");
                assertEquals("line " + i + " first half, " + "-".repeat(pokes) + "second half", client.readLine());
                assertEquals("and line " + i + " whole", client.readLine());
            }
        }
    }

    @Test
    void aHalfCloseWakesItAndItsLastUnterminatedFrameIsAnswered() throws Exception {
        try (EcoServer server = EcoServer.start(config().build());
                TestClient client = TestClient.connect(server.tcpAddress())) {
            assertEquals("hi", client.roundTrip("hi"));
            client.send("last without newline");
            int pokes = pokeUntilHibernated(server, client, '!');
            client.socket().shutdownOutput();
            assertEquals("last without newline" + "!".repeat(pokes), client.readLine());
            client.assertEof();
            await().atMost(WAIT).until(server::openConnections, n -> n == 0);
        }
    }

    @Test
    void theIdleTimeoutEndsAHibernatedConnectionWithItsNotice() throws Exception {
        try (EcoServer server = EcoServer.start(
                        config().idleTimeout(Duration.ofSeconds(3)).build());
                TestClient client = TestClient.connect(server.tcpAddress())) {
            assertEquals("hi", client.roundTrip("hi"));
            client.send("p"); // an unterminated frame, answered at the idle timeout before the notice
            int pokes = pokeUntilHibernated(server, client, 'p');
            assertEquals("p".repeat(1 + pokes), client.readLine(), "the unterminated frame is answered first");
            String notice = client.readLine();
            assertTrue(notice.startsWith("error: idle_timeout: "), notice);
            client.assertEof();
        }
    }

    @Test
    void theFrameTimeoutEndsAConnectionThatHibernatedInTheMiddleOfAFrame() throws Exception {
        BytesRead metrics = new BytesRead();
        try (EcoServer server = EcoServer.start(
                        config().frameTimeout(Duration.ofSeconds(3)).build(), metrics);
                TestClient client = TestClient.connect(server.tcpAddress())) {
            awaitHibernated(server, 1);
            // Woken later than HIBERNATE_AFTER after it fell asleep, the connection is still drowsy: it reads
            // the bytes and hibernates again at once, in the middle of its frame.
            await().pollDelay(HIBERNATE_AFTER.multipliedBy(3)).until(() -> true);
            client.send("half a fram");
            await("the bytes read").atMost(WAIT).until(metrics.bytes::get, n -> n == 11);
            awaitHibernated(server, 1);
            assertEquals(
                    "error: frame_timeout: a frame must end (LF) within 3 s of its first byte; closing",
                    client.readLine());
            client.assertEof();
            await().atMost(WAIT).until(server::openConnections, n -> n == 0);
        }
    }

    @Test
    void shutdownWakesAHibernatedConnectionToAnswerAndTellIt() throws Exception {
        EcoServer server = EcoServer.start(config().build());
        try (TestClient client = TestClient.connect(server.tcpAddress());
                TestClient raw = TestClient.connect(server.rawAddress().orElseThrow())) {
            awaitHibernated(server, 2);
            assertEquals("hi", client.roundTrip("hi"));
            pokeUntilHibernated(server, client, 'u'); // an unterminated frame: at shutdown, not answered
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
            assertTrue(member.roundTrip("/join lobby").startsWith("joined lobby"));
            // The member reads now and then, quiet in between, as one that would hibernate outside a room;
            // the other one, which never spoke, waits hibernated all along.
            await("only the connection outside the room hibernates")
                    .during(Duration.ofSeconds(8))
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(POKES)
                    .until(() -> {
                        member.send(".");
                        return server.hibernatedConnections() == 1;
                    });
            assertTrue(other.roundTrip("/join lobby").startsWith("joined lobby"));
            assertTrue(member.readLine().endsWith("joined lobby"), "the member still hears its room");
        }
    }

    @Test
    void manyNewConnectionsWaitHibernatedAndEachIsAnswered() throws IOException {
        try (EcoServer server = EcoServer.start(config().build())) {
            List<TestClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    clients.add(TestClient.connect(server.tcpAddress()));
                }
                awaitHibernated(server, clients.size());
                for (int i = 0; i < clients.size(); i++) {
                    clients.get(i).sendLine("client " + i);
                }
                for (int i = 0; i < clients.size(); i++) {
                    assertEquals("client " + i, clients.get(i).readLine());
                }
            } finally {
                for (TestClient client : clients) {
                    client.close();
                }
            }
        }
    }
}

package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.Json;
import dev.eco.it.support.TestClient;
import dev.eco.junit.EcoServerExtension;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** A connection silent for the idle timeout is told idle_timeout, in the style of its last frame, and closed. */
class IdleTimeoutIT {

    /**
     * Long enough that a client sending every {@link #TICK} stays well inside it (a pause of more than a second
     * on a busy machine would be needed to miss it), short enough to wait for.
     */
    private static final Duration IDLE = Duration.ofMillis(1500);

    private static final Duration TICK = Duration.ofMillis(250);

    @RegisterExtension
    final EcoServerExtension eco = new EcoServerExtension(
            ServerConfig.forTests().toBuilder().idleTimeout(IDLE).build());

    @Test
    void aTextClientReadsATextNoticeThenEof() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            // Before the line is sent: the server's last traffic, its echo, comes after this, so the notice
            // cannot come sooner than the timeout after it, however late this thread runs.
            long sentAt = System.nanoTime();
            assertEquals("hi", client.roundTrip("hi"));
            String notice = client.readLine(); // the read timeout (5 s) bounds the wait
            long waited = Duration.ofNanos(System.nanoTime() - sentAt).toMillis();
            assertTrue(notice.startsWith("error: idle_timeout: "), notice);
            assertTrue(notice.contains("1500 ms"), "the notice should state the timeout: " + notice);
            assertTrue(waited >= IDLE.toMillis(), "closed after only " + waited + " ms");
            client.assertEof();
        }
    }

    @Test
    void aJsonClientReadsAJsonNoticeThenEof() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            assertEquals(
                    "pong",
                    Json.parse(client.roundTrip("{\"type\":\"ping\"}"))
                            .get("type")
                            .asString());
            JsonNode notice = Json.parse(client.readLine());
            assertEquals("error", notice.get("type").asString());
            assertEquals("idle_timeout", notice.get("code").asString());
            client.assertEof();
        }
    }

    @Test
    void eachFrameRestartsTheIdleTimer() throws Exception {
        int ticks = 13; // one every 250 ms: more than twice the idle timeout in all
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            long started = System.nanoTime();
            int[] sent = {0};
            // The task reports its failures as replies; one that threw would silently never run again.
            var _ = pacer.scheduleAtFixedRate(
                    () -> {
                        if (sent[0] < ticks) {
                            try {
                                replies.add(client.roundTrip("tick " + sent[0]++));
                            } catch (IOException | RuntimeException e) {
                                replies.add("failed: " + e);
                            }
                        }
                    },
                    0,
                    TICK.toMillis(),
                    TimeUnit.MILLISECONDS);
            for (int i = 0; i < ticks; i++) {
                String reply = replies.poll(5, TimeUnit.SECONDS);
                assertEquals("tick " + i, reply, "the connection ended while it was sending every 250 ms");
            }
            pacer.shutdownNow();
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(IDLE.multipliedBy(2)) > 0);
            assertTrue(client.readLine().startsWith("error: idle_timeout: "), "silent again, it times out");
            client.assertEof();
        } finally {
            pacer.shutdownNow();
        }
    }

    @Test
    void aClientThatNeverSendsAnythingIsClosedToo() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            assertTrue(client.readLine().startsWith("error: idle_timeout: "));
            client.assertEof();
        }
    }
}

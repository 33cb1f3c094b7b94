package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.Json;
import dev.eco.it.support.TestClient;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An orderly shutdown: stop accepting, answer every frame already sent, tell each client in its style, close;
 * whoever does not drain within the grace is closed by force.
 */
class ShutdownIT {

    @Test
    void everyClientIsAnsweredThenToldThenClosed() throws Exception {
        EcoServer server = EcoServer.start(ServerConfig.forTests());
        try (TestClient text = TestClient.connect(server.tcpAddress());
                TestClient json = TestClient.connect(server.tcpAddress());
                TestClient busy = TestClient.connect(server.tcpAddress());
                TestClient raw = TestClient.connect(server.rawAddress().orElseThrow())) {
            assertEquals("hi", text.roundTrip("hi"));
            assertEquals("pong", Json.parse(json.roundTrip("{\"type\":\"ping\"}")).get("type").asString());
            raw.send("raw bytes");
            busy.send("one\ntwo\r\n{\"type\":\"message\",\"body\":3}\n"); // sent, not yet read, as shutdown begins

            long started = System.nanoTime();
            CompletableFuture<Void> closing = closeInBackground(server);

            assertEquals("one", busy.readLine());
            assertEquals("two", busy.readLine());
            assertEquals(1, Json.parse(busy.readLine()).get("seq").asLong());
            assertEquals("shutdown", Json.parse(busy.readLine()).get("type").asString(), "notices follow the last frame's style");
            busy.assertEof();

            assertEquals("server shutting down", text.readLine());
            text.assertEof();

            JsonNode notice = Json.parse(json.readLine());
            assertEquals("shutdown", notice.get("type").asString());
            assertEquals("server shutting down", notice.get("message").asString());
            json.assertEof();

            assertEquals("raw bytes", new String(raw.readBytes(9), StandardCharsets.UTF_8));
            raw.assertEof();

            closing.get(10, TimeUnit.SECONDS);
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(tookMillis < server.config().shutdownGrace().toMillis(),
                    "clients that drain should not make close() wait for the grace; it took " + tookMillis + " ms");
            assertEquals(0, server.openConnections());
            assertThrows(ConnectException.class, () -> TestClient.connect(server.tcpAddress()).close());
        }
        server.close(); // a second close is harmless
    }

    @Test
    void framesStillQueuedWhenShutdownBeginsAreAllAnsweredInOrder() throws Exception {
        EcoServer server = EcoServer.start(ServerConfig.forTests().toBuilder().shutdownGrace(Duration.ofSeconds(20)).build());
        try (TestClient client = TestClient.connect(server.tcpAddress(), smallBuffers())) {
            // The client writes numbered frames and reads nothing: soon the server is blocked writing replies
            // while more frames wait, unread, in its receive buffer.
            AtomicLong framesSent = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = Thread.ofPlatform().name("numbered-writer").daemon(true)
                    .start(() -> writeNumberedFrames(client, framesSent, stop));
            awaitStalled(framesSent);
            long sentBeforeClose = framesSent.get();
            stop.set(true);
            CompletableFuture<Void> closing = closeInBackground(server);
            await().atMost(Duration.ofSeconds(5)).until(() -> refuses(server.tcpAddress()));

            long replies = 0;
            String line;
            while (!(line = client.readLine()).equals("server shutting down")) {
                assertEquals(frame(replies), line, "reply " + replies);
                replies++;
            }
            client.assertEof();
            assertTrue(replies >= sentBeforeClose,
                    "only " + replies + " of the " + sentBeforeClose + " frames sent before close() were answered");
            closing.get(10, TimeUnit.SECONDS);
            writer.join(5_000);
        } finally {
            server.close();
        }
    }

    @Test
    void aClientThatDoesNotReadIsClosedByForceAfterTheGrace() throws Exception {
        Duration grace = Duration.ofMillis(500);
        EcoServer server = EcoServer.start(ServerConfig.forTests().toBuilder().shutdownGrace(grace).build());
        try (TestClient stuck = TestClient.connect(server.tcpAddress(), smallBuffers());
                TestClient idle = TestClient.connect(server.tcpAddress())) {
            assertEquals("idle", idle.roundTrip("idle"));
            AtomicLong framesSent = new AtomicLong();
            Thread.ofPlatform().name("never-reads").daemon(true)
                    .start(() -> writeNumberedFrames(stuck, framesSent, new AtomicBoolean()));
            awaitStalled(framesSent);

            long started = System.nanoTime();
            server.close();
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(tookMillis >= grace.toMillis() - 50, "close() gave up after " + tookMillis + " ms, before the grace");
            assertTrue(tookMillis < grace.toMillis() + 3_000, "close() took " + tookMillis + " ms");
            assertEquals(0, server.openConnections());
            assertEquals("server shutting down", idle.readLine(), "the idle client was told before the stuck one was cut");
            idle.assertEof();
        }
    }

    @Test
    void sigtermDrainsTheRealServerAndItExitsZero() throws Exception {
        try (EcoProcess eco = EcoProcess.serve("--port", "0", "--udp-port", "off", "--shutdown-grace", "3s");
                TestClient client = TestClient.connect(eco.port("tcp"))) {
            assertEquals("hello", client.roundTrip("hello"));
            long started = System.nanoTime();
            eco.process().destroy(); // SIGTERM
            assertEquals("server shutting down", client.readLine());
            client.assertEof();
            assertEquals(0, eco.terminate(Duration.ofSeconds(3 + 5)), "exit code after SIGTERM");
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(tookMillis < 3_000 + 2_000, "exit took " + tookMillis + " ms");
        }
    }

    @Test
    void sigintDrainsTheRealServerToo() throws Exception {
        try (EcoProcess eco = EcoProcess.serve("--port", "0", "--udp-port", "off");
                TestClient client = TestClient.connect(eco.port("tcp"))) {
            assertEquals("pong", Json.parse(client.roundTrip("{\"type\":\"ping\"}")).get("type").asString());
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(eco.process().pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -INT");
            assertEquals("shutdown", Json.parse(client.readLine()).get("type").asString());
            client.assertEof();
            assertEquals(0, eco.terminate(Duration.ofSeconds(10)), "exit code after SIGINT");
        }
    }

    private static CompletableFuture<Void> closeInBackground(EcoServer server) {
        return CompletableFuture.runAsync(server::close, runnable -> Thread.ofPlatform().name("closer").start(runnable));
    }

    private static boolean refuses(InetSocketAddress address) {
        try (Socket probe = new Socket()) {
            probe.connect(address, 1_000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    static Socket smallBuffers() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(16 * 1024);
        socket.setSendBufferSize(16 * 1024);
        return socket;
    }

    private static String frame(long i) {
        return "frame %08d".formatted(i);
    }

    /** Writes numbered frames, 256 to a write, counting those whose write completed, until told to stop. */
    private static void writeNumberedFrames(TestClient client, AtomicLong sent, AtomicBoolean stop) {
        try {
            long next = 0;
            while (!stop.get() && next < 10_000_000) {
                StringBuilder batch = new StringBuilder(256 * 15);
                for (int i = 0; i < 256; i++) {
                    batch.append(frame(next + i)).append('\n');
                }
                client.out().write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                next += 256;
                sent.set(next);
            }
        } catch (IOException e) {
            // closed by the server or the test
        }
    }

    /** Waits until the count stops moving for a few polls: the writer is blocked on full buffers. */
    private static void awaitStalled(AtomicLong count) {
        long[] last = {-1};
        int[] still = {0};
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long now = count.get();
            still[0] = now == last[0] && now > 0 ? still[0] + 1 : 0;
            last[0] = now;
            return still[0] >= 3;
        });
    }
}

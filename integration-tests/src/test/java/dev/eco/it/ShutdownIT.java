package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.Flood;
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
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An orderly shutdown: stop accepting, answer every frame already sent, tell each client in its style, close;
 * whoever does not drain within the grace is closed by force.
 */
class ShutdownIT {

    @SuppressWarnings("try") // the close under test, and a second one that must be harmless
    @Test
    void everyClientIsAnsweredThenToldThenClosed() throws Exception {
        try (EcoServer server = EcoServer.start(ServerConfig.forTests());
                TestClient text = TestClient.connect(server.tcpAddress());
                TestClient json = TestClient.connect(server.tcpAddress());
                TestClient busy = TestClient.connect(server.tcpAddress());
                TestClient raw = TestClient.connect(server.rawAddress().orElseThrow())) {
            assertEquals("hi", text.roundTrip("hi"));
            assertEquals(
                    "pong",
                    Json.parse(json.roundTrip("{\"type\":\"ping\"}"))
                            .get("type")
                            .asString());
            raw.send("raw bytes");
            busy.send("one\ntwo\r\n{\"type\":\"message\",\"body\":3}\n"); // sent, not yet read, as shutdown begins

            long started = System.nanoTime();
            CompletableFuture<Void> closing = closeInBackground(server);

            assertEquals("one", busy.readLine());
            assertEquals("two", busy.readLine());
            assertEquals(1, Json.parse(busy.readLine()).get("seq").asLong());
            assertEquals(
                    "shutdown",
                    Json.parse(busy.readLine()).get("type").asString(),
                    "notices follow the last frame's style");
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
            assertTrue(
                    tookMillis < server.config().shutdownGrace().toMillis(),
                    "clients that drain should not make close() wait for the grace; it took " + tookMillis + " ms");
            assertEquals(0, server.openConnections());
            assertThrows(
                    ConnectException.class,
                    () -> TestClient.connect(server.tcpAddress()).close());
            server.close(); // a second close is harmless (the try closes it once more)
        }
    }

    @Test
    void framesStillQueuedWhenShutdownBeginsAreAllAnsweredInOrder() throws Exception {
        try (EcoServer server = EcoServer.start(ServerConfig.forTests().toBuilder()
                        .shutdownGrace(Duration.ofSeconds(20))
                        .build());
                TestClient client = TestClient.connect(server.tcpAddress(), Flood.smallBuffers())) {
            // Soon the server is blocked writing replies while more frames wait, unread, in its receive buffer.
            Flood flood = Flood.start(client, "numbered-writer");
            flood.awaitStalled();
            long sentBeforeClose = flood.framesSent();
            flood.stop();
            CompletableFuture<Void> closing = closeInBackground(server);
            await().atMost(Duration.ofSeconds(5)).until(() -> refuses(server.tcpAddress()));

            long replies = 0;
            for (String line = client.readLine(); !line.equals("server shutting down"); line = client.readLine()) {
                assertEquals(Flood.frame(replies), line, "reply " + replies);
                replies++;
            }
            client.assertEof();
            assertTrue(
                    replies >= sentBeforeClose,
                    "only " + replies + " of the " + sentBeforeClose + " frames sent before close() were answered");
            closing.get(10, TimeUnit.SECONDS);
            flood.join(Duration.ofSeconds(5));
        }
    }

    @SuppressWarnings("try") // the close under test; the try only cleans up if it fails
    @Test
    void aClientThatDoesNotReadIsClosedByForceAfterTheGrace() throws Exception {
        Duration grace = Duration.ofMillis(500);
        try (EcoServer server = EcoServer.start(
                        ServerConfig.forTests().toBuilder().shutdownGrace(grace).build());
                TestClient stuck = TestClient.connect(server.tcpAddress(), Flood.smallBuffers());
                TestClient idle = TestClient.connect(server.tcpAddress())) {
            assertEquals("idle", idle.roundTrip("idle"));
            Flood.start(stuck, "never-reads").awaitStalled();

            long started = System.nanoTime();
            server.close();
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(
                    tookMillis >= grace.toMillis() - 50,
                    "close() gave up after " + tookMillis + " ms, before the grace");
            assertTrue(tookMillis < grace.toMillis() + 3_000, "close() took " + tookMillis + " ms");
            assertEquals(0, server.openConnections());
            assertEquals(
                    "server shutting down", idle.readLine(), "the idle client was told before the stuck one was cut");
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
            assertEquals(
                    "pong",
                    Json.parse(client.roundTrip("{\"type\":\"ping\"}"))
                            .get("type")
                            .asString());
            Process kill = new ProcessBuilder(
                            "kill", "-INT", String.valueOf(eco.process().pid()))
                    .inheritIO()
                    .start();
            assertEquals(0, kill.waitFor(), "kill -INT");
            assertEquals("shutdown", Json.parse(client.readLine()).get("type").asString());
            client.assertEof();
            assertEquals(0, eco.terminate(Duration.ofSeconds(10)), "exit code after SIGINT");
        }
    }

    private static CompletableFuture<Void> closeInBackground(EcoServer server) {
        return CompletableFuture.runAsync(
                server::close, runnable -> Thread.ofPlatform().name("closer").start(runnable));
    }

    private static boolean refuses(InetSocketAddress address) {
        try (Socket probe = new Socket()) {
            probe.connect(address, 1_000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}

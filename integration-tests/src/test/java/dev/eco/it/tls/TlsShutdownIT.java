package dev.eco.it.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.Json;
import dev.eco.it.support.TestClient;
import dev.eco.it.support.Tls;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.tls.ServerKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown drains TLS connections exactly as plain ones (ShutdownIT): a client that sent frames before the
 * shutdown gets every reply, then the notice, then a clean end of stream (the server's close_notify).
 */
class TlsShutdownIT {

    @TempDir
    static Path dir;

    static SSLContext serverContext;
    static SSLContext clientContext;

    @BeforeAll
    static void makeKeys() throws Exception {
        Tls.Keys keys = Tls.make(dir);
        serverContext =
                ServerKeys.load(keys.keystore(), Tls.PASSWORD.toCharArray()).context();
        clientContext = Tls.trusting(Tls.certificate(keys.certificatePem()));
    }

    @Test
    void everyTlsClientIsAnsweredThenToldThenClosed() throws Exception {
        CloseCounts counts = new CloseCounts();
        try (EcoServer server = EcoServer.start(
                        ServerConfig.forTests().toBuilder()
                                .tls(0, serverContext)
                                .build(),
                        counts);
                TestClient idle = connect(server);
                TestClient json = connect(server);
                TestClient busy = connect(server)) {
            assertEquals("hi", idle.roundTrip("hi"));
            assertEquals(
                    "pong",
                    Json.parse(json.roundTrip("{\"type\":\"ping\"}"))
                            .get("type")
                            .asString());
            busy.send("one\ntwo\r\n{\"type\":\"message\",\"body\":3}\n"); // sent, not yet read, as shutdown begins

            long started = System.nanoTime();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(
                    server::close,
                    runnable -> Thread.ofPlatform().name("closer").start(runnable));

            assertEquals("one", busy.readLine());
            assertEquals("two", busy.readLine());
            assertEquals(1, Json.parse(busy.readLine()).get("seq").asLong());
            assertEquals(
                    "shutdown",
                    Json.parse(busy.readLine()).get("type").asString(),
                    "notices follow the last frame's style");
            busy.assertEof();

            assertEquals("server shutting down", idle.readLine());
            idle.assertEof();
            assertEquals(
                    "server shutting down",
                    Json.parse(json.readLine()).get("message").asString());
            json.assertEof();

            closing.get(10, TimeUnit.SECONDS);
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(
                    tookMillis < server.config().shutdownGrace().toMillis(),
                    "TLS clients that drain should not make close() wait for the grace; it took " + tookMillis + " ms");
            assertEquals(3, counts.of(Close.SHUTDOWN), "each ended by the shutdown, none forced: " + counts);
        }
    }

    @Test
    void anIdleTlsConnectionIsToldAndClosed() throws Exception {
        CloseCounts counts = new CloseCounts();
        ServerConfig config = ServerConfig.forTests().toBuilder()
                .tls(0, serverContext)
                .idleTimeout(Duration.ofMillis(400))
                .build();
        try (EcoServer server = EcoServer.start(config, counts);
                TestClient client = connect(server)) {
            assertEquals("soon idle", client.roundTrip("soon idle"));
            assertTrue(client.readLine().startsWith("error: idle_timeout"), "the idle notice");
            client.assertEof();
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> counts.of(Close.IDLE_TIMEOUT) == 1);
        }
    }

    private static TestClient connect(EcoServer server) throws Exception {
        return TestClient.over(Tls.connect(clientContext, server.tlsAddress().orElseThrow(), "localhost", true));
    }
}

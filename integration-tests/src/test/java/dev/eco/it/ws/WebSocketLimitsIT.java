package dev.eco.it.ws;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import dev.eco.it.support.TestClient;
import dev.eco.it.support.WsClient;
import dev.eco.protocol.ws.CloseCode;
import dev.eco.protocol.ws.Opcode;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.ServerMetrics.ListenerKind;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The server's limits on WebSocket connections, as on every TCP connection: the idle and write timeouts,
 * shutdown's drain, --max-connections, the chat rate limit, and the deadline of the upgrade request.
 */
class WebSocketLimitsIT {

    private static final Duration SOON = Duration.ofSeconds(20);

    private static InetSocketAddress ws(EcoServer server) {
        return server.wsAddress().orElseThrow();
    }

    @Test
    void anIdleConnectionIsToldAndClosedWith1001() throws Exception {
        try (EcoServer server = EcoServer.start(ServerConfig.forTests().toBuilder()
                        .idleTimeout(Duration.ofMillis(600))
                        .build());
                WsClient ws = WsClient.open(ws(server))) {
            assertEquals("not idle yet", ws.roundTrip("not idle yet"));
            assertEquals("error: idle_timeout: nothing sent or received for 600 ms; closing", ws.readText());
            assertEquals("idle timeout", ws.expectClose(CloseCode.GOING_AWAY).closeReason());
        }
    }

    @Test
    void shutdownAnswersWhatWasSentThenSaysSoAndClosesWith1001() throws Exception {
        EcoServer server = EcoServer.start(ServerConfig.forTests());
        try (WsClient ws = WsClient.open(ws(server))) {
            assertEquals("{\"type\":\"pong\"}", ws.roundTrip("{\"type\":\"ping\"}"));
            Thread closing = Thread.ofVirtual().start(server::close);
            assertEquals("{\"type\":\"shutdown\",\"message\":\"server shutting down\"}", ws.readText());
            assertEquals(
                    "server shutting down", ws.expectClose(CloseCode.GOING_AWAY).closeReason());
            closing.join(SOON);
        } finally {
            server.close();
        }
    }

    @Test
    void aClientThatNeverReadsIsClosedByTheWriteTimeout() throws Exception {
        Closes closes = new Closes();
        try (EcoServer server = EcoServer.start(
                        ServerConfig.forTests().toBuilder()
                                .writeTimeout(Duration.ofMillis(500))
                                .build(),
                        closes);
                WsClient ws = WsClient.open(ws(server))) {
            ws.socket().setReceiveBufferSize(4096);
            byte[] big = new byte[60_000];
            await().atMost(SOON).until(() -> {
                try {
                    ws.send(Opcode.BINARY, true, big); // echoed into a socket nobody reads
                } catch (java.io.IOException e) {
                    return true; // closed: the write timeout's doing, counted below
                }
                return closes.of(ListenerKind.WS, Close.WRITE_TIMEOUT) == 1;
            });
            await().atMost(SOON).until(() -> closes.of(ListenerKind.WS, Close.WRITE_TIMEOUT) == 1);
            assertEquals(0, server.openConnections());
        }
    }

    @Test
    void beyondMaxConnectionsAnUpgradeGets503() throws Exception {
        try (EcoServer server = EcoServer.start(
                        ServerConfig.forTests().toBuilder().maxConnections(2).build());
                WsClient one = WsClient.open(ws(server));
                TestClient two = TestClient.connect(server.tcpAddress())) {
            assertEquals("one", one.roundTrip("one"));
            assertEquals("two", two.roundTrip("two"));
            try (WsClient three = WsClient.attempt(ws(server), null, null)) {
                assertEquals("HTTP/1.1 503 Service Unavailable", three.status());
                assertTrue(three.body().startsWith("error: server_full: the server has its maximum of 2"));
            }
        }
    }

    @Test
    void chatFramesBeyondTheRateLimitAreRefused() throws Exception {
        ChatLimits oneBurst = ChatLimits.DEFAULT.withRate(1, 1);
        try (EcoServer server = EcoServer.start(
                        ServerConfig.forTests().toBuilder().chat(oneBurst).build());
                WsClient ws = WsClient.open(ws(server))) {
            assertEquals("joined lobby, members: guest-1", ws.roundTrip("/join lobby"));
            ws.sendText("one too many");
            assertEquals(
                    "error: rate_limited: more than 1 chat frames a second; this one was not delivered", ws.readText());
        }
    }

    @Test
    void anUpgradeRequestTrickledSlowerThanTheDeadlineIsClosed() throws Exception {
        Closes closes = new Closes();
        try (EcoServer server = EcoServer.start(
                        ServerConfig.forTests().toBuilder()
                                .idleTimeout(Duration.ofSeconds(1))
                                .build(),
                        closes);
                Socket slow = new Socket()) {
            slow.connect(ws(server));
            OutputStream out = slow.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(ISO_8859_1));
            // Then one byte every 100 ms: never idle for the 1 s idle timeout, never done either.
            await().atMost(SOON).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    out.write('x');
                } catch (java.io.IOException e) {
                    return true;
                }
                return closes.of(ListenerKind.WS, Close.HANDSHAKE) == 1;
            });
            await().atMost(SOON).until(() -> closes.of(ListenerKind.WS, Close.HANDSHAKE) == 1);
        }
    }
}

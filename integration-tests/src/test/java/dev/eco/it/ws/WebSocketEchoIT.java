package dev.eco.it.ws;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.WsClient;
import dev.eco.it.support.WsClient.Frame;
import dev.eco.protocol.ws.CloseCode;
import dev.eco.protocol.ws.Opcode;
import dev.eco.protocol.ws.WsEncoder;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * eco's WebSocket listener against a raw client: the line protocol message by message, binary echo, pings,
 * fragments (with control frames between them), quit, the client's close, and the HTTP side (the page and
 * every refusal).
 */
class WebSocketEchoIT {

    private static EcoServer start() throws Exception {
        return EcoServer.start(ServerConfig.forTests());
    }

    private static InetSocketAddress ws(EcoServer server) {
        return server.wsAddress().orElseThrow();
    }

    @Test
    void eachTextMessageIsOneFrameOfTheLineProtocolAndEachReplyOneMessage() throws Exception {
        try (EcoServer server = start();
                WsClient ws = WsClient.open(ws(server))) {
            assertEquals("hello", ws.roundTrip("hello"));
            assertEquals(
                    "a newline\ninside is no separator\r\n", ws.roundTrip("a newline\ninside is no separator\r\n"));
            assertEquals("", ws.roundTrip(""));
            assertEquals("pong", ws.roundTrip("/ping"));
            assertEquals(
                    "{\"type\":\"message\",\"body\":{\"n\": 1.50},\"id\":\"a1\",\"seq\":1}",
                    ws.roundTrip("{\"type\":\"message\",\"body\":{\"n\": 1.50},\"id\":\"a1\"}"));
            assertEquals(
                    "{\"type\":\"error\",\"code\":\"unknown_type\",\"message\":\"unknown type \\\"dance\\\"\"}",
                    ws.roundTrip("{\"type\":\"dance\"}"));
            assertEquals("caf\u00e9 \ud83d\ude00", ws.roundTrip("caf\u00e9 \ud83d\ude00"));
            ws.sendText("quit");
            assertEquals("bye", ws.readText());
            assertEquals("bye", ws.expectClose(CloseCode.NORMAL).closeReason());
        }
    }

    @Test
    void aBinaryMessageIsEchoedByteForByte() throws Exception {
        byte[] every = new byte[256 * 3];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }
        try (EcoServer server = start();
                WsClient ws = WsClient.open(ws(server))) {
            ws.send(Opcode.BINARY, true, every);
            Frame echo = ws.read();
            assertEquals(Opcode.BINARY, echo.opcode());
            assertArrayEquals(every, echo.payload());
            assertEquals("still text", ws.roundTrip("still text"));
        }
    }

    @Test
    void pingsAreAnsweredAndFragmentsReassembledWithControlFramesBetweenThem() throws Exception {
        byte[] e = "h\u00e9llo, fragments".getBytes(UTF_8); // the é is split between the first two fragments
        try (EcoServer server = start();
                WsClient ws = WsClient.open(ws(server))) {
            ws.send(Opcode.PING, true, "are you there".getBytes(UTF_8));
            Frame pong = ws.read();
            assertEquals(Opcode.PONG + " are you there", pong.opcode() + " " + pong.text());

            ws.send(Opcode.TEXT, false, Arrays.copyOfRange(e, 0, 2));
            ws.send(Opcode.PING, true, "between".getBytes(UTF_8));
            ws.send(Opcode.CONTINUATION, false, Arrays.copyOfRange(e, 2, 5));
            ws.send(Opcode.PONG, true, new byte[0]);
            ws.send(Opcode.CONTINUATION, true, Arrays.copyOfRange(e, 5, e.length));
            Frame between = ws.read();
            assertEquals(Opcode.PONG + " between", between.opcode() + " " + between.text());
            assertEquals("h\u00e9llo, fragments", ws.readText());

            ws.send(Opcode.BINARY, false, new byte[] {1, 2});
            ws.send(Opcode.CONTINUATION, true, new byte[] {3});
            assertArrayEquals(new byte[] {1, 2, 3}, ws.read().payload());
        }
    }

    @Test
    void theClientsCloseIsEchoedAndTheConnectionEnds() throws Exception {
        try (EcoServer server = start();
                WsClient ws = WsClient.open(ws(server))) {
            assertEquals("before", ws.roundTrip("before"));
            ws.sendRaw(WsEncoder.masked(Opcode.CLOSE, true, closePayload(4000, "done"), 0, 6, new byte[] {9, 8, 7, 6}));
            ws.expectClose(4000);
        }
    }

    @Test
    @SuppressWarnings("StringConcatToTextBlock") // HTTP's lines end with CRLF, which a text block would hide
    void framesSentRightBehindTheUpgradeAreAnswered() throws Exception {
        try (EcoServer server = start()) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    .getBytes(ISO_8859_1));
            byte[] early = "early".getBytes(UTF_8);
            request.writeBytes(WsEncoder.masked(Opcode.TEXT, true, early, 0, early.length, new byte[] {1, 2, 3, 4}));
            try (WsClient ws = WsClient.exchange(ws(server), null, request.toByteArray())) {
                assertTrue(ws.responseHead().contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
                assertEquals("early", ws.readText());
            }
        }
    }

    @Test
    void theGreetingIsTheFirstMessage() throws Exception {
        try (EcoServer server = EcoServer.start(ServerConfig.forTests().toBuilder()
                        .greeting("welcome to eco")
                        .build());
                WsClient ws = WsClient.open(ws(server))) {
            assertEquals("welcome to eco", ws.readText());
            assertEquals("then echo", ws.roundTrip("then echo"));
        }
    }

    @Test
    @SuppressWarnings("StringConcatToTextBlock") // HTTP's lines end with CRLF, which a text block would hide
    void getServesThePageAndEverythingElseGetsAPlainStatus() throws Exception {
        try (EcoServer server = start()) {
            try (WsClient page = http(server, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")) {
                assertEquals("HTTP/1.1 200 OK", page.status());
                assertTrue(page.responseHead().contains("Content-Type: text/html; charset=utf-8\r\n"));
                assertTrue(page.responseHead().contains("Content-Security-Policy: default-src 'none';"));
                assertTrue(page.body().contains("<title>eco chat</title>"));
            }
            assertEquals("HTTP/1.1 404 Not Found", status(server, "GET /index.html HTTP/1.1\r\n\r\n"));
            assertEquals("HTTP/1.1 405 Method Not Allowed", status(server, "DELETE / HTTP/1.1\r\n\r\n"));
            assertEquals("HTTP/1.1 400 Bad Request", status(server, "hello\r\n\r\n"));
            assertEquals(
                    "HTTP/1.1 431 Request Header Fields Too Large",
                    status(server, "GET / HTTP/1.1\r\nX: " + "y".repeat(9000) + "\r\n\r\n"));
            try (WsClient old = WsClient.attempt(ws(server), null, "Sec-WebSocket-Version: 8")) {
                // the attempt's own version header comes first and says 13; a second one is refused as ambiguous
                assertEquals("HTTP/1.1 400 Bad Request", old.status());
            }
            String v8 = "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 8\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
            try (WsClient old = http(server, v8)) {
                assertEquals("HTTP/1.1 426 Upgrade Required", old.status());
                assertTrue(old.responseHead().contains("Sec-WebSocket-Version: 13\r\n"));
            }
        }
    }

    private static WsClient http(EcoServer server, String request) throws Exception {
        return WsClient.exchange(ws(server), null, request.getBytes(ISO_8859_1));
    }

    private static String status(EcoServer server, String request) throws Exception {
        try (WsClient client = http(server, request)) {
            return client.status();
        }
    }

    static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }
}

package dev.eco.it.ws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.WsClient;
import dev.eco.protocol.ws.CloseCode;
import dev.eco.protocol.ws.Opcode;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a WebSocket client that breaks a rule gets: an oversized message is answered {@code frame_too_long}
 * and the connection goes on; invalid UTF-8 closes with 1007; a frame that breaks RFC 6455 with 1002; a page
 * from another origin gets 403 before any upgrade.
 */
class WebSocketRulesIT {

    private static final int LIMIT = 1000;

    private static EcoServer start(List<String> origins) throws Exception {
        return EcoServer.start(ServerConfig.forTests().toBuilder()
                .maxFrame(LIMIT)
                .wsOrigins(origins)
                .build());
    }

    private static InetSocketAddress ws(EcoServer server) {
        return server.wsAddress().orElseThrow();
    }

    @Test
    void anOversizedMessageIsAnsweredFrameTooLongAndTheConnectionGoesOn() throws Exception {
        String tooLong = "error: frame_too_long: a frame longer than " + LIMIT + " bytes was discarded";
        try (EcoServer server = start(List.of());
                WsClient ws = WsClient.open(ws(server))) {
            ws.sendText("x".repeat(LIMIT + 1));
            assertEquals(tooLong, ws.readText());
            ws.send(Opcode.TEXT, false, "y".repeat(600).getBytes(UTF_8));
            ws.send(Opcode.PING, true, "meanwhile".getBytes(UTF_8));
            ws.send(Opcode.CONTINUATION, true, "z".repeat(600).getBytes(UTF_8));
            assertEquals(Opcode.PONG, ws.read().opcode(), "a ping between the fragments of a discarded message");
            assertEquals(tooLong, ws.readText());
            ws.send(Opcode.BINARY, true, new byte[LIMIT + 1]);
            assertEquals(tooLong, ws.readText());
            ws.sendText("{\"type\":\"message\",\"body\":\"" + "j".repeat(LIMIT) + "\"}");
            assertEquals(
                    "{\"type\":\"error\",\"code\":\"frame_too_long\",\"message\":\"a frame longer than " + LIMIT
                            + " bytes was discarded\"}",
                    ws.readText(),
                    "styled like the message's head");
            assertEquals("x".repeat(LIMIT), ws.roundTrip("x".repeat(LIMIT)), "exactly the limit is no error");
        }
    }

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        try (EcoServer server = start(List.of());
                WsClient ws = WsClient.open(ws(server))) {
            ws.send(Opcode.TEXT, true, new byte[] {'o', 'k', (byte) 0xC3, 0x28});
            ws.expectClose(CloseCode.INVALID_PAYLOAD);
        }
        try (EcoServer server = start(List.of());
                WsClient ws = WsClient.open(ws(server))) {
            ws.send(Opcode.TEXT, false, new byte[] {'a', (byte) 0xE2}); // a character begun and never ended
            ws.send(Opcode.CONTINUATION, true, new byte[] {'b'});
            ws.expectClose(CloseCode.INVALID_PAYLOAD);
        }
    }

    @Test
    void framesThatBreakTheProtocolCloseWith1002() throws Exception {
        List<byte[]> broken = List.of(
                new byte[] {(byte) 0x81, 0x02, 'h', 'i'}, // unmasked
                new byte[] {(byte) 0xC1, (byte) 0x80, 1, 2, 3, 4}, // reserved bit 1 (no extension was agreed)
                new byte[] {(byte) 0x83, (byte) 0x80, 1, 2, 3, 4}, // reserved opcode 3
                new byte[] {(byte) 0x80, (byte) 0x80, 1, 2, 3, 4}, // a continuation of nothing
                new byte[] {(byte) 0x09, (byte) 0x80, 1, 2, 3, 4}); // a fragmented ping
        try (EcoServer server = start(List.of())) {
            for (byte[] frame : broken) {
                try (WsClient ws = WsClient.open(ws(server))) {
                    assertEquals("fine", ws.roundTrip("fine"));
                    ws.sendRaw(frame);
                    ws.expectClose(CloseCode.PROTOCOL_ERROR);
                }
            }
            try (WsClient ws = WsClient.open(ws(server))) {
                ws.send(Opcode.TEXT, false, "a".getBytes(UTF_8));
                ws.send(Opcode.TEXT, true, "b".getBytes(UTF_8)); // a new message inside the first
                ws.expectClose(CloseCode.PROTOCOL_ERROR);
            }
        }
    }

    @Test
    void aPageFromAnotherOriginGets403BeforeAnyUpgrade() throws Exception {
        try (EcoServer server = start(List.of())) {
            String own = "http://127.0.0.1:" + ws(server).getPort();
            try (WsClient evil = WsClient.attempt(ws(server), null, "Origin: https://evil.example")) {
                assertEquals("HTTP/1.1 403 Forbidden", evil.status());
                assertTrue(evil.body().contains("origin https://evil.example"));
            }
            try (WsClient page = WsClient.attempt(ws(server), null, "Origin: " + own)) {
                assertEquals("HTTP/1.1 101 Switching Protocols", page.status(), "eco's own page");
                assertEquals("from the page", page.roundTrip("from the page"));
            }
        }
        try (EcoServer server = start(List.of("https://chat.example.org"))) {
            try (WsClient listed = WsClient.attempt(ws(server), null, "Origin: https://chat.example.org")) {
                assertEquals("HTTP/1.1 101 Switching Protocols", listed.status());
            }
            try (WsClient other = WsClient.attempt(ws(server), null, "Origin: https://evil.example")) {
                assertEquals("HTTP/1.1 403 Forbidden", other.status());
            }
        }
        try (EcoServer server = start(List.of("*"));
                WsClient any = WsClient.attempt(ws(server), null, "Origin: https://hoppscotch.io")) {
            assertEquals("HTTP/1.1 101 Switching Protocols", any.status());
        }
    }
}

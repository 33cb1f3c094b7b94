package dev.eco.it.ws;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.Scrape;
import dev.eco.it.support.Tls;
import dev.eco.it.support.WsClient;
import dev.eco.protocol.ws.CloseCode;
import dev.eco.protocol.ws.Opcode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code eco serve --ws-port 0 --wss-port 0 --metrics-port 0}, the real process: WebSocket connections and
 * frames are counted like the others, labelled {@code ws} and {@code wss}, with why each connection ended.
 */
class WebSocketMetricsIT {

    private static final Duration COUNTED = Duration.ofSeconds(10);

    @Test
    void connectionsAndFramesAreCountedByListenerWithWhyTheyEnded() throws Exception {
        try (EcoProcess eco = EcoProcess.serve(
                "--port",
                "0",
                "--udp-port",
                "off",
                "--ws-port",
                "0",
                "--wss-port",
                "0",
                "--tls-self-signed",
                "--metrics-port",
                "0")) {
            int metrics = eco.port("metrics");
            assertTrue(
                    eco.stdout().contains("eco chat page http://127.0.0.1:" + eco.port("ws") + "/"),
                    eco.stdout()::toString);
            try (WsClient ws = WsClient.open(eco.address("ws"))) {
                assertEquals("one", ws.roundTrip("one"));
                assertEquals("two", ws.roundTrip("two"));
                ws.send(Opcode.BINARY, true, new byte[] {1, 2, 3});
                ws.read();
                ws.sendText("quit");
                assertEquals("bye", ws.readText());
                ws.expectClose(CloseCode.NORMAL);
            }
            try (WsClient broken = WsClient.open(eco.address("ws"))) {
                broken.sendRaw(new byte[] {(byte) 0x81, 0x01, 'x'}); // unmasked
                broken.expectClose(CloseCode.PROTOCOL_ERROR);
            }
            try (WsClient page = WsClient.exchange(
                    eco.address("ws"), null, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))) {
                assertEquals("HTTP/1.1 200 OK", page.status());
            }
            try (WsClient evil = WsClient.attempt(eco.address("ws"), null, "Origin: https://evil.example")) {
                assertEquals("HTTP/1.1 403 Forbidden", evil.status());
            }
            try (WsClient secure = WsClient.open(eco.address("wss"), Tls.trustingAnything())) {
                assertEquals("secure", secure.roundTrip("secure"));
            }
            Map<String, Long> expected = Map.of(
                    "eco_connections_opened_total{listener=\"ws\"}", 4L,
                    "eco_connections_closed_total{listener=\"ws\",reason=\"quit\"}", 1L,
                    "eco_connections_closed_total{listener=\"ws\",reason=\"protocol\"}", 1L,
                    "eco_connections_closed_total{listener=\"ws\",reason=\"http\"}", 1L,
                    "eco_connections_closed_total{listener=\"ws\",reason=\"handshake\"}", 1L,
                    "eco_frames_received_total{listener=\"ws\"}", 4L, // one, two, the binary message, quit
                    // the four replies (bye among them), and two close frames: after bye, and for the unmasked frame
                    "eco_frames_sent_total{listener=\"ws\"}", 6L,
                    "eco_connections_opened_total{listener=\"wss\"}", 1L,
                    "eco_frames_received_total{listener=\"wss\"}", 1L,
                    "eco_connections_closed_total{listener=\"wss\",reason=\"peer\"}", 1L);
            await().atMost(COUNTED).untilAsserted(() -> {
                Scrape scrape = Scrape.of(metrics);
                expected.forEach((sample, value) -> assertEquals(value.longValue(), scrape.value(sample), sample));
                assertEquals(0, scrape.value("eco_connections_open{listener=\"ws\"}"));
                assertTrue(scrape.value("eco_received_bytes_total{listener=\"ws\"}") > 0);
            });
        }
    }
}

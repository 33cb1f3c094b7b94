package dev.eco.it.ws;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import dev.eco.it.support.TestClient;
import dev.eco.it.support.Tls;
import dev.eco.it.support.WsClient;
import dev.eco.protocol.ws.CloseCode;
import dev.eco.protocol.ws.Opcode;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.ServerMetrics.ListenerKind;
import dev.eco.server.tls.ServerKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members on WebSocket, WebSocket over TLS, TCP and TLS in one room: every one of them sees the same messages in
 * the same order with the same {@code seq}; a WebSocket member that stops reading is a slow consumer like any.
 */
class WebSocketRoomsIT {

    @TempDir
    static Path dir;

    static ServerKeys keys;
    static SSLContext trusting;

    private static final Pattern SEQ =
            Pattern.compile("\"from\":\"(\\w+)\",\"body\":\"([^\"]*)\",(?:\"id\":\\d+,)?\"seq\":(\\d+)");

    @BeforeAll
    static void makeKeys() throws Exception {
        Tls.Keys made = Tls.make(dir);
        keys = ServerKeys.load(made.keystore(), Tls.PASSWORD.toCharArray());
        trusting = Tls.trusting(Tls.certificate(made.certificatePem()));
    }

    @Test
    void membersOnEveryListenerShareOneRoomOneOrderAndOneSeq() throws Exception {
        try (EcoServer server = EcoServer.start(ServerConfig.forTests().toBuilder()
                        .tls(0, keys.context())
                        .wssPort(0)
                        .build());
                WsClient ws = WsClient.open(server.wsAddress().orElseThrow());
                WsClient wss = WsClient.open(server.wssAddress().orElseThrow(), trusting);
                TestClient tcp = TestClient.connect(server.tcpAddress());
                TestClient tls = TestClient.over(
                        Tls.connect(trusting, server.tlsAddress().orElseThrow(), "localhost", true))) {
            assertTrue(ws.roundTrip("{\"type\":\"nick\",\"name\":\"ws\"}").contains("\"name\":\"ws\""));
            assertTrue(wss.roundTrip("{\"type\":\"nick\",\"name\":\"wss\"}").contains("\"name\":\"wss\""));
            assertEquals("nick tcp", tcp.roundTrip("/nick tcp"));
            assertEquals("{\"type\":\"nick\",\"name\":\"tls\"}", tls.roundTrip("{\"type\":\"nick\",\"name\":\"tls\"}"));
            ws.roundTrip("{\"type\":\"join\",\"room\":\"mixed\"}");
            wss.roundTrip("{\"type\":\"join\",\"room\":\"mixed\"}");
            tcp.roundTrip("/join mixed");
            tls.roundTrip("{\"type\":\"join\",\"room\":\"mixed\"}");
            // The presence notices of the later joins, to each member that was already there.
            skip(ws, 3);
            skip(wss, 2);
            tcp.readLine();

            int rounds = 20;
            for (int i = 0; i < rounds; i++) { // all four talk at once, so their messages interleave
                ws.sendText("{\"type\":\"message\",\"body\":\"w" + i + "\"}");
                wss.sendText("{\"type\":\"message\",\"body\":\"s" + i + "\"}");
                tcp.sendLine("t" + i);
                tls.sendLine("{\"type\":\"message\",\"body\":\"l" + i + "\",\"id\":" + i + "}");
            }
            int total = rounds * 4;
            List<String> seenByWs = jsonMessages(ws, total);
            assertEquals(seenByWs, jsonMessages(wss, total), "ws and wss");
            assertEquals(seenByWs, tlsMessages(tls, total), "ws and tls");
            List<String> tcpOrder = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                Matcher m = Pattern.compile("\\[mixed] <(\\w+)> (\\w+)").matcher(tcp.readLine());
                assertTrue(m.matches());
                tcpOrder.add(m.group(1) + " " + m.group(2));
            }
            assertEquals(
                    seenByWs.stream()
                            .map(s -> s.substring(0, s.lastIndexOf(' ')))
                            .toList(),
                    tcpOrder,
                    "tcp");
            for (int i = 0; i < total; i++) {
                assertTrue(seenByWs.get(i).endsWith(" " + (i + 1)), "seq counts the room's messages from 1");
            }
        }
    }

    /** The next {@code n} messages as {@code FROM BODY SEQ}. */
    private static List<String> jsonMessages(WsClient client, int n) throws IOException {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seen.add(parse(client.readText()));
        }
        return seen;
    }

    private static List<String> tlsMessages(TestClient client, int n) throws IOException {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seen.add(parse(client.readLine()));
        }
        return seen;
    }

    private static String parse(String json) {
        Matcher m = SEQ.matcher(json);
        assertTrue(m.find(), json);
        return m.group(1) + " " + m.group(2) + " " + m.group(3);
    }

    private static void skip(WsClient client, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            client.readText();
        }
    }

    @Test
    void aWebSocketMemberThatStopsReadingIsDroppedAsASlowConsumer() throws Exception {
        Closes closes = new Closes();
        ChatLimits small = ChatLimits.DEFAULT.withPending(200, 256 * 1024).withRate(0, 1);
        try (EcoServer server = EcoServer.start(
                        ServerConfig.forTests().toBuilder()
                                .chat(small)
                                .writeTimeout(Duration.ZERO)
                                .build(),
                        closes);
                WsClient sleeper =
                        WsClient.openReceivingLittle(server.wsAddress().orElseThrow(), 4096);
                TestClient talker = TestClient.connect(server.tcpAddress())) {
            assertEquals("joined busy, members: guest-1", talker.roundTrip("/join busy"));
            assertEquals("joined busy, members: guest-1, guest-2", sleeper.roundTrip("/join busy"));
            assertEquals("* guest-2 joined busy", talker.readLine());
            String padding = "x".repeat(1000);
            for (int batch = 0; batch < 400 && closes.slowConsumers() == 0; batch++) {
                StringBuilder lines = new StringBuilder();
                for (int k = 0; k < 50; k++) {
                    lines.append("message ")
                            .append(batch)
                            .append('.')
                            .append(k)
                            .append(' ')
                            .append(padding);
                    lines.append('\n');
                }
                talker.send(lines.toString());
                String last = "message " + batch + ".49 " + padding;
                while (!talker.readLine().endsWith(last)) {
                    // its own copies, and at the end the notice that the sleeper left
                }
            }
            assertEquals(1, closes.slowConsumers(), "the sleeper was never dropped");
            // It reads now, within its second of grace: what was queued for it, the notice, and the close frame.
            WsClient.Frame frame;
            do {
                frame = sleeper.read();
            } while (frame.opcode() == Opcode.TEXT && frame.text().startsWith("[busy] <guest-1> message "));
            assertEquals(
                    "error: slow_consumer: you did not read fast enough: more than 200 frames or 262144 bytes were"
                            + " waiting for you; disconnecting",
                    frame.text());
            assertEquals(CloseCode.POLICY_VIOLATION, sleeper.read().closeCode());
            sleeper.expectEnd();
            await().atMost(Duration.ofSeconds(10)).until(() -> closes.of(ListenerKind.WS, Close.SLOW_CONSUMER) == 1);
        }
    }
}

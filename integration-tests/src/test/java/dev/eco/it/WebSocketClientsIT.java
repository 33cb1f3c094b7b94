package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.ClientRuns.Result;
import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.TestClient;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.tls.SelfSigned;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command line's WebSocket side: {@code eco send} and {@code eco chat} with a {@code ws://} or {@code wss://}
 * URL (the JDK's client), {@code eco bench ws}, and the WebSocket options of {@code eco serve}.
 */
class WebSocketClientsIT {

    private static String url(EcoServer server) {
        return "ws://127.0.0.1:" + server.wsAddress().orElseThrow().getPort() + "/";
    }

    @Test
    void sendSpeaksTheLineProtocolMessageByMessageAndRawSendsBinary() throws Exception {
        try (EcoServer server = EcoServer.start(ServerConfig.forTests())) {
            Result words = ClientRuns.inProcess("", "send", url(server), "hello", "over", "websocket");
            assertEquals(0, words.exit(), words::toString);
            assertEquals("hello over websocket\n", words.out(), words::toString);

            Result json = ClientRuns.inProcess("one\n/ping\n", "send", "--json", url(server));
            assertEquals(
                    List.of(
                            "{\"type\":\"message\",\"body\":\"one\",\"seq\":1}",
                            "{\"type\":\"message\",\"body\":\"/ping\",\"seq\":2}"),
                    json.outLines(),
                    json::toString);

            byte[] bytes = new byte[5000];
            new java.util.Random(7).nextBytes(bytes);
            Result raw = ClientRuns.inProcess(
                    new ByteArrayInputStream(bytes), "send", "--raw", "--count", "2", "--interval", "0", url(server));
            assertEquals(0, raw.exit(), raw::toString);
            assertTrue(raw.outLines().getFirst().startsWith("5000 bytes echoed  time="), raw::toString);
        }
    }

    @Test
    void chatJoinsARoomWithATcpMember() throws Exception {
        try (EcoServer server = EcoServer.start(ServerConfig.forTests());
                TestClient tcp = TestClient.connect(server.tcpAddress())) {
            assertEquals("joined lobby, members: guest-1", tcp.roundTrip("/join lobby"));
            Result chat = ClientRuns.inProcess(
                    "/nick web\n/join lobby\nhello from the web\n", "chat", "--timeout", "1s", url(server));
            assertEquals(0, chat.exit(), chat::toString);
            assertEquals(
                    List.of("nick web", "joined lobby, members: guest-1, web", "[lobby] <web> hello from the web"),
                    chat.outLines(),
                    chat::toString);
            assertEquals("* web joined lobby", tcp.readLine());
            assertEquals("[lobby] <web> hello from the web", tcp.readLine());

            Result quit = ClientRuns.inProcess("hola\nquit\n", "chat", url(server));
            assertEquals(0, quit.exit(), quit::toString);
            assertEquals(List.of("hola", "bye"), quit.outLines(), quit::toString);
        }
    }

    @Test
    void wssWithInsecureOrItsCertificateAndAPlainSentenceOtherwise() throws Exception {
        try (EcoServer server = EcoServer.start(ServerConfig.forTests().toBuilder()
                .wssPort(0)
                .tlsContext(SelfSigned.generate().context())
                .build())) {
            String wss = "wss://127.0.0.1:" + server.wssAddress().orElseThrow().getPort() + "/";
            Result insecure = ClientRuns.inProcess("", "send", "--insecure", wss, "secret");
            assertEquals(0, insecure.exit(), insecure::toString);
            assertEquals("secret\n", insecure.out(), insecure::toString);
            Result untrusted = ClientRuns.inProcess("", "send", wss, "secret");
            assertEquals(1, untrusted.exit(), untrusted::toString);
            assertTrue(untrusted.err().contains("its certificate is not trusted"), untrusted::toString);
        }
    }

    @Test
    void mistakesGetOneSentence() throws Exception {
        Result refused = ClientRuns.inProcess("", "send", "ws://127.0.0.1:1/", "x");
        assertEquals(1, refused.exit(), refused::toString);
        assertEquals("eco send: cannot connect to ws://127.0.0.1:1/: connection refused\n", refused.err());
        Result udp = ClientRuns.inProcess("", "chat", "--udp", "ws://127.0.0.1:9/");
        assertEquals(2, udp.exit(), udp::toString);
        assertTrue(udp.err().contains("--udp cannot be used with a WebSocket URL"), udp::toString);
        Result ca = ClientRuns.inProcess("", "send", "--ca", "x.pem", "ws://127.0.0.1:9/", "x");
        assertEquals(2, ca.exit(), ca::toString);
        assertTrue(ca.err().startsWith("eco send: --ca needs a wss:// URL"), ca::toString);
        Result notUrl = ClientRuns.inProcess("", "send", "ws://", "x");
        assertEquals(2, notUrl.exit(), notUrl::toString);
        try (EcoServer server = EcoServer.start(ServerConfig.forTests())) {
            Result tcpPort = ClientRuns.inProcess(
                    "", "send", "ws://127.0.0.1:" + server.tcpAddress().getPort() + "/", "x");
            assertEquals(1, tcpPort.exit(), tcpPort::toString);
        }
    }

    @Test
    void benchWsLoadsTheWebSocketPortAndSaysSoWhenPointedElsewhere() throws Exception {
        try (EcoServer server = EcoServer.start(ServerConfig.forTests())) {
            String port = String.valueOf(server.wsAddress().orElseThrow().getPort());
            Result ok = ClientRuns.inProcess("", "bench", "ws", port, "-c", "4", "-d", "500ms", "-w", "0", "-P", "4");
            assertEquals(0, ok.exit(), ok::toString);
            assertTrue(ok.out().contains("errors      0"), ok::toString);
            Result wrong = ClientRuns.inProcess(
                    "", "bench", "ws", String.valueOf(server.tcpAddress().getPort()), "-d", "500ms", "-w", "0");
            assertEquals(1, wrong.exit(), wrong::toString);
            assertTrue(wrong.err().contains("no websocket upgrade"), wrong::toString);
        }
    }

    @Test
    void serveChecksItsWebSocketOptions() throws Exception {
        EcoProcess.Result noKey = EcoProcess.run("serve", "--port", "0", "--wss-port", "0");
        assertEquals(2, noKey.exitCode(), noKey::toString);
        assertTrue(String.join("\n", noKey.stderr()).contains("--wss-port needs a key"), noKey::toString);
        EcoProcess.Result badOrigin = EcoProcess.run(Map.of("ECO_WS_ORIGINS", "evil.example"), "serve", "--port", "0");
        assertEquals(2, badOrigin.exitCode(), badOrigin::toString);
        assertTrue(
                String.join("\n", badOrigin.stderr()).contains("environment variable ECO_WS_ORIGINS")
                        || String.join("\n", badOrigin.stderr()).contains("'evil.example' is not an origin"),
                badOrigin::toString);
    }
}

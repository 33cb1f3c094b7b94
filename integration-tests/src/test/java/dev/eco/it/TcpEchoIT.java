package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eco.it.support.Json;
import dev.eco.it.support.TestClient;
import dev.eco.junit.EcoServerExtension;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The line protocol over TCP: echo, line endings, commands and JSON requests. */
class TcpEchoIT {

    @RegisterExtension
    final EcoServerExtension eco = new EcoServerExtension();

    @Test
    void echoesTextLinesExactly() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            assertEquals("hello", client.roundTrip("hello"));
            assertEquals("  spaces and\ttabs  ", client.roundTrip("  spaces and\ttabs  "));
            assertEquals("grüße, 世界 🙂", client.roundTrip("grüße, 世界 🙂"));
            assertEquals("", client.roundTrip(""));
        }
    }

    @Test
    void answersCrlfFramesWithCrlfAndLfFramesWithLf() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            client.send("telnet style\r\n");
            assertEquals("telnet style\r", client.readRawLine());
            client.send("nc style\n");
            assertEquals("nc style", client.readRawLine());
        }
    }

    @Test
    void quitIsAnsweredByeThenTheServerCloses() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            assertEquals("bye", client.roundTrip("quit"));
            client.assertEof();
        }
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            assertEquals("bye", client.roundTrip("/QUIT"));
            client.assertEof();
        }
    }

    @Test
    void jsonMessagesAreEchoedWithSeqCountingFromOne() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            for (int seq = 1; seq <= 3; seq++) {
                JsonNode reply = Json.parse(
                        client.roundTrip("{\"type\":\"message\",\"body\":\"hi " + seq + "\",\"id\":" + seq * 10 + "}"));
                assertEquals("message", reply.get("type").asString());
                assertEquals("hi " + seq, reply.get("body").asString());
                assertEquals(seq * 10, reply.get("id").asInt());
                assertEquals(seq, reply.get("seq").asLong());
            }
            // A body of any JSON shape goes back unchanged.
            JsonNode reply = Json.parse(client.roundTrip("{\"type\":\"message\",\"body\":{\"a\":[1,2.50,null]}}"));
            assertEquals(Json.parse("{\"a\":[1,2.50,null]}"), reply.get("body"));
            assertEquals(4, reply.get("seq").asLong());
        }
    }

    @Test
    void pingIsAnsweredPongWithItsId() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            assertEquals("pong", client.roundTrip("/ping"));
            JsonNode pong = Json.parse(client.roundTrip("{\"type\":\"ping\",\"id\":\"abc-1\"}"));
            assertEquals("pong", pong.get("type").asString());
            assertEquals("abc-1", pong.get("id").asString());
            JsonNode numbered = Json.parse(client.roundTrip("{\"type\":\"ping\",\"id\":42}"));
            assertEquals(42, numbered.get("id").asInt());
        }
    }

    @Test
    void helpExplainsTheProtocolInTheStyleOfTheRequest() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            String help = client.roundTrip("/help");
            assertTrue(help.startsWith("eco: ") && help.contains("/ping") && help.contains("quit"), help);
            JsonNode json = Json.parse(client.roundTrip("{\"type\":\"help\"}"));
            assertEquals("help", json.get("type").asString());
            assertTrue(json.get("text").asString().contains("/ping"), json.toString());
            assertEquals("still here", client.roundTrip("still here"));
        }
    }

    @Test
    void servesIpv6LoopbackAndNamesItWithBrackets() throws IOException {
        ServerConfig config;
        try {
            config = ServerConfig.forTests().toBuilder().host("::1").build();
            EcoServer.start(config).close();
        } catch (IOException e) {
            assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
            return;
        }
        try (EcoServer v6 = EcoServer.start(config);
                TestClient client = TestClient.connect(v6.tcpAddress())) {
            assertEquals("over ipv6", client.roundTrip("over ipv6"));
            assertEquals(
                    "eco listening tcp [::1]:" + v6.tcpAddress().getPort(),
                    v6.listeningLines().getFirst());
        }
    }

    @Test
    void jsonQuitIsAnsweredJsonByeThenTheServerCloses() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            assertEquals(
                    "bye",
                    Json.parse(client.roundTrip("{\"type\":\"quit\"}"))
                            .get("type")
                            .asString());
            client.assertEof();
        }
    }
}

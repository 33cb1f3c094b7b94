package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.Json;
import dev.eco.it.support.TestClient;
import dev.eco.junit.EcoServerExtension;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Bad input gets its documented error reply and the connection goes on: the next good frame is answered. */
class BadInputIT {

    private static final int MAX_FRAME = 1024;

    @RegisterExtension
    final EcoServerExtension eco = new EcoServerExtension(
            ServerConfig.forTests().toBuilder().maxFrame(MAX_FRAME).build());

    @Test
    void anOversizedTextFrameIsAnsweredFrameTooLongAndTheNextFrameIsEchoed() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            client.sendLine("x".repeat(MAX_FRAME + 1));
            assertEquals("error: frame_too_long: a frame longer than 1024 bytes was discarded", client.readLine());
            assertEquals("next", client.roundTrip("next"));
            // Exactly the limit is fine.
            String longest = "y".repeat(MAX_FRAME);
            assertEquals(longest, client.roundTrip(longest));
        }
    }

    @Test
    void anOversizedFrameSentInManyWritesGetsOneErrorOnly() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            for (int i = 0; i < 100; i++) {
                client.send("z".repeat(500));
            }
            client.send("\nafter\n");
            assertTrue(client.readLine().startsWith("error: frame_too_long: "));
            assertEquals("after", client.readLine());
        }
    }

    @Test
    void anOversizedJsonFrameGetsAJsonError() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            client.sendLine("{\"type\":\"message\",\"body\":\"" + "b".repeat(2 * MAX_FRAME) + "\"}");
            JsonNode error = Json.parse(client.readLine());
            assertEquals("error", error.get("type").asString());
            assertEquals("frame_too_long", error.get("code").asString());
            assertEquals(
                    "ok",
                    Json.parse(client.roundTrip("{\"type\":\"message\",\"body\":\"ok\"}"))
                            .get("body")
                            .asString());
        }
    }

    @Test
    void badUtf8IsAnsweredBadUtf8AndTheConnectionGoesOn() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            client.send(new byte[] {'a', (byte) 0xFF, (byte) 0xFE, '\n'});
            assertEquals("error: bad_utf8: the frame is not valid UTF-8", client.readLine());
            client.send(new byte[] {(byte) 0xC0, (byte) 0x80, '\n'}); // an overlong NUL
            assertTrue(client.readLine().startsWith("error: bad_utf8: "));
            client.send("{\"type\":\"message\",\"body\":\"".getBytes(StandardCharsets.UTF_8));
            client.send(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}', '\n'}); // a surrogate
            JsonNode error = Json.parse(client.readLine());
            assertEquals("bad_utf8", error.get("code").asString());
            assertEquals("fine", client.roundTrip("fine"));
        }
    }

    @Test
    void badJsonIsAnsweredBadJsonAndTheConnectionGoesOn() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            for (String bad :
                    new String[] {"{", "{\"type\":\"message\",}", "{\"type\":\"ping\"} trailing", "{\"a\":tru}"}) {
                JsonNode error = Json.parse(client.roundTrip(bad));
                assertEquals("error", error.get("type").asString(), bad);
                assertEquals("bad_json", error.get("code").asString(), bad);
                assertTrue(error.get("message").asString().length() <= 200, error.toString());
            }
            JsonNode reply = Json.parse(client.roundTrip("{\"type\":\"message\",\"body\":1}"));
            assertEquals(1, reply.get("seq").asLong(), "errors are not messages: the first message has seq 1");
            assertEquals("text", client.roundTrip("text"));
        }
    }

    @Test
    void wellFormedJsonThatIsNotARequestGetsItsOwnCodes() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            JsonNode unknown = Json.parse(client.roundTrip("{\"type\":\"dance\",\"id\":7}"));
            assertEquals("unknown_type", unknown.get("code").asString());
            assertEquals(7, unknown.get("id").asInt(), "the error carries the request's id");
            assertEquals(
                    "bad_request",
                    Json.parse(client.roundTrip("{\"body\":\"no type\"}"))
                            .get("code")
                            .asString());
            assertEquals(
                    "bad_request",
                    Json.parse(client.roundTrip("{\"type\":\"message\"}"))
                            .get("code")
                            .asString());
            assertEquals(
                    "bad_request",
                    Json.parse(client.roundTrip("{\"type\":\"ping\",\"id\":[1]}"))
                            .get("code")
                            .asString());
            JsonNode deep = Json.parse(
                    client.roundTrip("{\"type\":\"message\",\"body\":" + "[".repeat(100) + "]".repeat(100) + "}"));
            assertEquals("bad_json", deep.get("code").asString());
            assertEquals("pong", client.roundTrip("/ping"));
        }
    }
}

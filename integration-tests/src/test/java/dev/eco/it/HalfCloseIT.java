package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.it.support.Json;
import dev.eco.it.support.TestClient;
import dev.eco.junit.EcoServerExtension;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that shuts down its output (nc -N, shutdown(SHUT_WR)) still gets every reply, then end of stream. */
class HalfCloseIT {

    @RegisterExtension
    final EcoServerExtension eco = new EcoServerExtension();

    @Test
    void everyFrameIsAnsweredIncludingTheUnterminatedLastOneThenEof() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            client.send("one\ntwo\r\n{\"type\":\"ping\",\"id\":3}\nlast without newline");
            client.socket().shutdownOutput();
            assertEquals("one", client.readRawLine());
            assertEquals("two\r", client.readRawLine());
            assertEquals("pong", Json.parse(client.readLine()).get("type").asString());
            assertEquals("last without newline", client.readRawLine());
            client.assertEof();
        }
    }

    @Test
    void anUnterminatedJsonFrameAtEndOfStreamIsAnsweredToo() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            client.send("{\"type\":\"message\",\"body\":\"tail\"}");
            client.socket().shutdownOutput();
            assertEquals("tail", Json.parse(client.readLine()).get("body").asString());
            client.assertEof();
        }
    }

    @Test
    void aClientThatSendsNothingAndHalfClosesGetsEof() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            client.socket().shutdownOutput();
            client.assertEof();
        }
    }
}

package dev.eco.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.TestClient;
import dev.eco.junit.EcoServerExtension;
import dev.eco.protocol.LineEnd;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerMetrics.ListenerKind;
import dev.eco.server.testing.Answer;
import dev.eco.server.testing.RecordedFrame;
import dev.eco.server.testing.Script;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** eco as the mock server of a client test: what the client sent, and the answers the test scripts. */
class MockServerIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final EcoServerExtension eco = new EcoServerExtension(ServerConfig.forTests());

    private RecordedFrame take() throws InterruptedException {
        return eco.server().takeFrame(WAIT).orElseThrow(() -> new AssertionError("no frame recorded"));
    }

    @Test
    void eachFrameOfEachListenerIsRecordedWithItsConnectionSenderAndEnding() throws Exception {
        EcoServer server = eco.server();
        server.recording().start();
        try (TestClient line = TestClient.connect(server.tcpAddress());
                TestClient raw = TestClient.connect(server.rawAddress().orElseThrow());
                DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            line.send("HELO example.org\r\n/ping\n");
            assertEquals("HELO example.org", line.readLine());
            assertEquals("pong", line.readLine());
            RecordedFrame helo = take();
            assertEquals("HELO example.org", helo.text());
            assertEquals(Optional.of(LineEnd.CRLF), helo.end());
            assertEquals(ListenerKind.TCP, helo.listener());
            assertEquals(line.localPort(), helo.remote().getPort());
            RecordedFrame ping = take();
            assertEquals("/ping", ping.text(), "commands are recorded too");
            assertEquals(helo.connection(), ping.connection());

            byte[] bytes = {0, 1, 2, (byte) 0xff};
            raw.send(bytes);
            assertArrayEquals(bytes, raw.readBytes(4));
            RecordedFrame rawFrame = take();
            assertArrayEquals(bytes, rawFrame.bytes());
            assertEquals(ListenerKind.RAW, rawFrame.listener());
            // numbered as each listener's thread admits it: two listeners may admit in either order
            assertTrue(rawFrame.connection() > 0 && rawFrame.connection() != helo.connection(), "a number of its own");

            byte[] datagram = "a datagram\n".getBytes(UTF_8);
            udp.send(new DatagramPacket(
                    datagram, datagram.length, server.udpAddress().orElseThrow()));
            RecordedFrame udpFrame = take();
            assertEquals("a datagram", udpFrame.text());
            assertEquals(ListenerKind.UDP, udpFrame.listener());
            assertEquals(0, udpFrame.connection());
            assertEquals(udp.getLocalPort(), udpFrame.remote().getPort());
        }
        assertEquals(Optional.empty(), server.takeFrame(Duration.ofMillis(50)), "nothing else was sent");
    }

    @Test
    void aRedisLikeClientGetsTheDispatchersAnswersEndedAsItEndsItsLines() throws IOException {
        eco.server().script().respond(frame -> switch (frame.text()) {
            case "PING" -> Answer.lines("+PONG");
            case "GET greeting" -> Answer.lines("$5", "hello");
            default -> Answer.lines("-ERR unknown command");
        });
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            client.send("PING\r\nGET greeting\r\nFLUSHALL\r\n");
            assertEquals("+PONG\r", client.readRawLine());
            assertEquals("$5\r", client.readRawLine());
            assertEquals("hello\r", client.readRawLine());
            assertEquals("-ERR unknown command\r", client.readRawLine());
        }
    }

    @Test
    void anSmtpLikeClientGetsQueuedAnswersAndItsOwnQuitIsTheScripts() throws Exception {
        eco.server().recording().start();
        eco.server()
                .script()
                .scope(Script.Scope.EVERY_FRAME)
                .enqueue("250 hello")
                .enqueue("250 ok")
                .enqueue(Answer.lines("221 bye").thenClose());
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            assertEquals("250 hello", client.roundTrip("HELO me"));
            assertEquals("250 ok", client.roundTrip("MAIL FROM:<a@example.org>"));
            assertEquals("221 bye", client.roundTrip("QUIT"));
            client.assertEof();
        }
        assertEquals("HELO me", take().text());
        assertEquals("MAIL FROM:<a@example.org>", take().text());
        assertEquals("QUIT", take().text(), "the client's QUIT was the script's, not eco's quit");
    }

    @Test
    void whenTheQueueRunsOutEcoAnswersAsUsual() throws IOException {
        eco.server().script().enqueue("scripted");
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            assertEquals("scripted", client.roundTrip("first"));
            assertEquals("second", client.roundTrip("second"));
            assertEquals("pong", client.roundTrip("/ping"));
        }
    }
}

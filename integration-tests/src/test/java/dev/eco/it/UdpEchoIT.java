package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.Json;
import dev.eco.it.support.Tools;
import dev.eco.junit.EcoTest;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerMetrics;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The UDP echo: one datagram, one answer, never larger than the datagram, and not to everyone. */
@EcoTest
class UdpEchoIT {

    private static final int REPLY_TIMEOUT_MILLIS = 5_000;

    @Test
    void textIsEchoedByteForByteAndQuitIsAnsweredBye(EcoServer server) throws IOException {
        try (DatagramSocket client = client()) {
            InetSocketAddress udp = server.udpAddress().orElseThrow();
            assertEquals("hello", ask(client, udp, "hello"));
            assertEquals("with newline\n", ask(client, udp, "with newline\n"));
            assertEquals("/help", ask(client, udp, "/help"), "text is echoed as RFC 862 says, commands included");
            byte[] binary = {0, 1, (byte) 0xFF, (byte) 0xC0, '\r', 'x'};
            assertArrayEquals(binary, ask(client, udp, binary));
            assertEquals("bye", ask(client, udp, "quit"));
            assertEquals("bye\n", ask(client, udp, "quit\n"));
        }
    }

    @Test
    void jsonRequestsGetJsonRepliesNoLongerThanThemselves(EcoServer server) throws IOException {
        try (DatagramSocket client = client()) {
            InetSocketAddress udp = server.udpAddress().orElseThrow();
            for (int n = 1; n <= 2; n++) {
                String request = "{\"type\":\"message\",\"body\":\"b\",\"id\":\"m" + n + "\"}";
                assertEquals(request, ask(client, udp, request), "a message's echo over UDP carries no seq");
            }
            JsonNode pong = Json.parse(ask(client, udp, "{\"type\":\"ping\",\"id\":9}"));
            assertEquals("pong", pong.get("type").asString());
            assertEquals(9, pong.get("id").asInt());
            JsonNode help = Json.parse(ask(client, udp, "{\"type\":\"help\"}" + " ".repeat(60)));
            assertEquals("error", help.get("type").asString());
            assertEquals("unsupported", help.get("code").asString());
            assertEquals(
                    "bye",
                    Json.parse(ask(client, udp, "{\"type\":\"quit\"}"))
                            .get("type")
                            .asString());
        }
    }

    @Test
    void aDatagramOverTheFrameLimitIsAnsweredFrameTooLong() throws IOException {
        ServerConfig config = ServerConfig.forTests().toBuilder().maxFrame(1024).build();
        try (EcoServer server = EcoServer.start(config);
                DatagramSocket client = client()) {
            InetSocketAddress udp = server.udpAddress().orElseThrow();
            String reply = ask(client, udp, "x".repeat(1025));
            assertTrue(reply.startsWith("error: frame_too_long"), reply);
            JsonNode json =
                    Json.parse(ask(client, udp, "{\"type\":\"message\",\"body\":\"" + "y".repeat(2000) + "\"}"));
            assertEquals("frame_too_long", json.get("code").asString());
            assertEquals("z".repeat(1024), ask(client, udp, "z".repeat(1024)));
        }
    }

    @Test
    void aDatagramFromAPrivilegedPortGetsNoReply(EcoServer server) throws IOException {
        try (DatagramSocket normal = client()) {
            InetSocketAddress udp = server.udpAddress().orElseThrow();
            Optional<DatagramSocket> bound = privilegedSocket();
            Tools.require(bound.isPresent(), "binding a UDP port below 1024 needs root or CAP_NET_BIND_SERVICE");
            try (DatagramSocket privileged = bound.get()) {
                privileged.setSoTimeout(500);
                send(privileged, udp, "from port " + privileged.getLocalPort());
                // A normal port's answer, sent after, proves the server had time to answer the first.
                assertEquals("normal", ask(normal, udp, "normal"));
                assertTrue(receive(privileged).isEmpty(), "a datagram from a port below 1024 was answered");
            }
        }
    }

    @Test
    void eachSourceAddressIsRateLimitedAndRecovers() throws IOException {
        ServerConfig config = ServerConfig.forTests().toBuilder().udpRate(5, 5).build();
        try (EcoServer server = EcoServer.start(config);
                DatagramSocket client = client()) {
            InetSocketAddress udp = server.udpAddress().orElseThrow();
            for (int i = 0; i < 50; i++) {
                send(client, udp, "burst " + i);
            }
            client.setSoTimeout(300);
            int replies = 0;
            while (receive(client).isPresent()) {
                replies++;
            }
            assertTrue(replies >= 1 && replies <= 6, replies + " of 50 were answered; the burst is 5 (plus refill)");
            // Tokens come back at 5 a second.
            client.setSoTimeout(REPLY_TIMEOUT_MILLIS);
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        send(client, udp, "again");
                        client.setSoTimeout(250);
                        return receive(client).map("again"::equals).orElse(false);
                    });
        }
    }

    /** docs/protocol.md: a reply never has more bytes than its datagram; one that would is dropped and counted. */
    @Test
    void aReplyNeverHasMoreBytesThanItsDatagramAndADropIsCounted() throws IOException {
        LongAdder tooLarge = new LongAdder();
        ServerMetrics counting = new ServerMetrics() {
            @Override
            public void udpDropped(UdpDrop reason, int bytesIn) {
                if (reason == UdpDrop.REPLY_TOO_LARGE) {
                    tooLarge.increment();
                }
            }
        };
        try (EcoServer server = EcoServer.start(ServerConfig.forTests(), counting);
                DatagramSocket client = client()) {
            InetSocketAddress udp = server.udpAddress().orElseThrow();
            String[] small = {
                "{",
                "{\"",
                "{}",
                "{\"type\":1}",
                "{\"type\":\"x\"}",
                "{\"id\":[]}",
                "{\"type\":\"help\"}",
                "{\"type\":\"message\"}",
                "{\"a\":tru}",
                "{\"type\":\"ping\",\"id\":1} x",
                "{\"type\":\"quit\"}",
                "{\"type\":\"message\",\"body\":0}",
                "{\"type\":\"ping\"}",
                "/nick",
                "/join r",
                "/who"
            };
            int unanswered = 0;
            for (int i = 0; i <= small.length; i++) {
                byte[] sent = i < small.length
                        ? small[i].getBytes(StandardCharsets.UTF_8)
                        : new byte[] {'{', (byte) 0xFF, '}'};
                client.send(new DatagramPacket(sent, sent.length, udp));
                // One thread answers in order: the marker's echo coming first means the datagram got no reply.
                String marker = "marker " + i;
                send(client, udp, marker);
                String first = receive(client).orElseThrow(() -> new AssertionError("no echo of " + marker));
                if (first.equals(marker)) {
                    unanswered++;
                    continue;
                }
                assertTrue(
                        first.length() <= sent.length,
                        "'" + new String(sent, StandardCharsets.UTF_8) + "' (" + sent.length + " bytes) got "
                                + first.length() + " bytes: " + first);
                assertEquals(Optional.of(marker), receive(client));
            }
            assertTrue(unanswered > 0, "'{' alone cannot be answered within 1 byte");
            assertEquals(unanswered, tooLarge.sum(), "every datagram left unanswered for its size is counted");
        }
    }

    private static DatagramSocket client() throws SocketException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(REPLY_TIMEOUT_MILLIS);
        return socket;
    }

    private static Optional<DatagramSocket> privilegedSocket() {
        for (int port = 1000; port < 1024; port++) {
            try {
                return Optional.of(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            } catch (SocketException e) {
                // taken or not allowed: try the next
            }
        }
        return Optional.empty();
    }

    private static String ask(DatagramSocket client, InetSocketAddress server, String text) throws IOException {
        return new String(ask(client, server, text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static byte[] ask(DatagramSocket client, InetSocketAddress server, byte[] datagram) throws IOException {
        client.send(new DatagramPacket(datagram, datagram.length, server));
        int timeout = client.getSoTimeout();
        return receive(client)
                .orElseThrow(() -> new AssertionError(
                        "no reply to '" + new String(datagram, StandardCharsets.UTF_8) + "' within " + timeout + " ms"))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void send(DatagramSocket client, InetSocketAddress server, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /** The next datagram as ISO-8859-1 (one char per byte, so no byte is lost), or empty after the socket's timeout. */
    private static Optional<String> receive(DatagramSocket client) throws IOException {
        byte[] buf = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        try {
            client.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        return Optional.of(new String(Arrays.copyOf(buf, packet.getLength()), StandardCharsets.ISO_8859_1));
    }
}

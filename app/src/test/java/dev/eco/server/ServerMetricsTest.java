package dev.eco.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the server counts through the hook given at start, on real loopback sockets. */
class ServerMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A line client with a read timeout, so that a missing reply fails the test instead of hanging it. */
    private record Client(Socket socket, BufferedReader in, OutputStream out) implements AutoCloseable {
        static Client connect(InetSocketAddress address) throws IOException {
            Socket socket = new Socket();
            socket.connect(address, 5_000);
            socket.setSoTimeout(5_000);
            return new Client(
                    socket,
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)),
                    socket.getOutputStream());
        }

        String send(String lines) throws IOException {
            out.write(lines.getBytes(StandardCharsets.UTF_8));
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void connectionsReadsWritesAndErrorsAreCountedOncePerReadAndWrite() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        try (EcoServer server = EcoServer.start(ServerConfig.forTests(), metrics)) {
            try (Client client = Client.connect(server.tcpAddress())) {
                assertEquals("one", client.send("one\ntwo\nthree\n"));
                assertEquals("two", client.in().readLine());
                assertEquals("three", client.in().readLine());
                assertTrue(client.send("{oops\n").contains("bad_json"));
                assertEquals("bye", client.send("quit\n"));
            }
            await().atMost(WAIT).until(() -> metrics.count("closed") == 1);
        }
        assertEquals(1, metrics.count("opened TCP"));
        assertEquals(1, metrics.count("closed TCP QUIT"));
        assertEquals(1, metrics.count("error TCP BAD_JSON"));
        assertEquals(1, metrics.count("read TCP 14 3"), "three pipelined frames, one read: " + metrics.events());
        assertEquals(1, metrics.count("wrote TCP 14 3 answer"), "their three replies, one write: " + metrics.events());
    }

    @Test
    void aGreetingAndAnIdleNoticeAreWritesThatAnswerNoRead() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        ServerConfig config = ServerConfig.forTests().toBuilder()
                .greeting("hi")
                .idleTimeout(Duration.ofSeconds(1))
                .build();
        try (EcoServer server = EcoServer.start(config, metrics);
                Client client = Client.connect(server.tcpAddress())) {
            // Sent at once, before the greeting is read: the line is in the server's socket long before the idle
            // timeout, and a connection with input waiting is never ended as idle, however late its reader runs.
            client.out().write("echo\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("hi", client.in().readLine());
            assertEquals("echo", client.in().readLine());
            assertTrue(client.in().readLine().startsWith("error: idle_timeout"));
            await().atMost(WAIT).until(() -> metrics.count("closed") == 1);
        }
        // Only the echo is a reply to a read, so only it may be timed as one (the latency histogram).
        assertEquals(1, metrics.count("wrote TCP 5 1 answer"), metrics.events().toString());
        assertEquals(3, metrics.count("wrote TCP"), metrics.events().toString());
        assertEquals(
                2,
                metrics.events().stream()
                        .filter(e -> e.startsWith("wrote TCP") && e.endsWith(" unasked"))
                        .count(),
                "the greeting and the idle notice: " + metrics.events());
    }

    @Test
    void refusalsAndRateLimitsAreCounted() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        ServerConfig config = ServerConfig.forTests().toBuilder()
                .maxConnections(1)
                .chat(ChatLimits.DEFAULT.withRate(1, 1))
                .build();
        try (EcoServer server = EcoServer.start(config, metrics);
                Client member = Client.connect(server.tcpAddress());
                ExpectedLog.Expected warned = ExpectedLog.expect("refused: server full")) {
            // Both in one write, so one read: the second chat frame comes long before the next token (1 a second).
            assertTrue(member.send("/join lobby\nhello\n").startsWith("joined lobby"));
            assertTrue(member.in().readLine().contains("rate_limited"), "the second chat frame in a second");
            try (Client refused = Client.connect(server.tcpAddress())) {
                assertTrue(refused.in().readLine().startsWith("error: server_full"));
            }
            assertTrue(
                    warned.await().contains(" WARN  [eco-accept-tcp] tcp 127.0.0.1:"),
                    warned.lines().toString());
            assertTrue(
                    warned.await().contains("refused: server full (1 connection)"),
                    warned.lines().toString());
            assertEquals(1, server.roomCount());
            assertEquals(1, server.memberCount());
        }
        assertEquals(1, metrics.count("refused TCP SERVER_FULL"));
        assertEquals(1, metrics.count("error TCP SERVER_FULL"), "the refused connection was told server_full");
        assertEquals(1, metrics.count("rate limited"));
        assertEquals(1, metrics.count("error TCP RATE_LIMITED"));
        assertEquals(1, metrics.count("opened TCP"), "a refused connection is not opened");
        assertEquals(1, metrics.count("closed TCP"));
    }

    @Test
    void datagramsAnsweredAndDroppedAreCounted() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        ServerConfig config = ServerConfig.forTests().toBuilder().udpRate(1, 1).build();
        try (EcoServer server = EcoServer.start(config, metrics);
                DatagramSocket udp = new DatagramSocket()) {
            udp.setSoTimeout(5_000);
            InetSocketAddress target = server.udpAddress().orElseThrow();
            byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
            // Back to back: the server takes the second microseconds after the first, long before its next token.
            udp.send(new DatagramPacket(hello, hello.length, target));
            udp.send(new DatagramPacket(hello, hello.length, target)); // over the rate of one a second
            DatagramPacket reply = new DatagramPacket(new byte[64], 64);
            udp.receive(reply);
            assertEquals("hello", new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII));
            await().atMost(WAIT).until(() -> metrics.count("udp dropped") == 1);
        }
        assertEquals(1, metrics.count("udp answered 5 5"));
        assertEquals(1, metrics.count("udp dropped RATE_LIMITED 5"));
    }
}

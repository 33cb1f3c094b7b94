package dev.eco.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What one datagram can cause stops no loop; a loop that ends anyway shows in the health and the metrics. */
class HealthTest {

    /** Counts like {@link RecordingMetrics}, and fails the first answered datagram with {@code failure}. */
    private static final class FailingOnce extends RecordingMetrics {
        private final AtomicInteger answered = new AtomicInteger();
        private final Throwable failure;

        FailingOnce(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public void udpAnswered(int bytesIn, int bytesOut) {
            if (answered.incrementAndGet() == 1) {
                if (failure instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) failure;
            }
            super.udpAnswered(bytesIn, bytesOut);
        }
    }

    @Test
    void aServerThatStartedIsHealthyAndOneThatClosesIsDraining() throws Exception {
        EcoServer server = EcoServer.start(ServerConfig.forTests());
        try {
            assertEquals(new Health(true, Set.of()), server.health());
            assertTrue(server.health().ok());
            assertEquals("ok", server.health().describe());
        } finally {
            server.close();
        }
        assertFalse(server.health().ok());
        assertEquals("draining", server.health().describe());
    }

    @Test
    void anExceptionWhileAnsweringOneDatagramStopsNoUdp() throws Exception {
        RecordingMetrics metrics = new FailingOnce(new IllegalStateException("a bug in answering one datagram"));
        try (EcoServer server = EcoServer.start(ServerConfig.forTests(), metrics);
                DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(5_000);
            InetSocketAddress udp = server.udpAddress().orElseThrow();
            send(client, udp, "first"); // echoed, then the count fails
            assertEquals("first", receive(client));
            send(client, udp, "second");
            assertEquals("second", receive(client), "UDP stopped after one datagram's failure");
            assertTrue(server.health().ok(), server.health().describe());
        }
    }

    @Test
    void anErrorThatEndsTheUdpLoopTurnsTheHealthAndIsCounted() throws Exception {
        RecordingMetrics metrics = new FailingOnce(new StackOverflowError("injected"));
        try (EcoServer server = EcoServer.start(ServerConfig.forTests(), metrics);
                DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(5_000);
            send(client, server.udpAddress().orElseThrow(), "the last");
            await().atMost(Duration.ofSeconds(5)).until(() -> !server.health().ok());
            assertEquals(Set.of(ServerLoop.UDP), server.health().endedLoops());
            assertEquals("loop ended: udp", server.health().describe());
            assertEquals(1, metrics.count("loop ended UDP"));
            assertTrue(server.isAccepting(), "the TCP port still accepts: only UDP is gone");
        }
    }

    private static void send(DatagramSocket client, InetSocketAddress to, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(bytes, bytes.length, to));
    }

    private static String receive(DatagramSocket client) throws Exception {
        DatagramPacket reply = new DatagramPacket(new byte[64], 64);
        try {
            client.receive(reply);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within 5 s", e);
        }
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
    }
}

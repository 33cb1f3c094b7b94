package dev.eco.it.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.Tools;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerMetrics;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * UDP floods against an in-process server whose metrics the test reads: forged-looking traffic from
 * privileged ports, floods from many source addresses, datagrams of the largest size, every request type.
 * Bytes out never exceed bytes in, datagram by datagram; the {@link UdpProbe} is answered throughout.
 */
class UdpFloodIT {

    static final int SOURCES = Integer.getInteger("hostile.udpSources", 40);
    static final int PER_SOURCE = Integer.getInteger("hostile.udpPerSource", 3_000);
    /** The largest UDP payload over IPv4. */
    static final int MAX_DATAGRAM = 65_507;

    private final Counting metrics = new Counting();
    private EcoServer server;
    private InetSocketAddress udp;
    private Footprint baseline;
    private final long pid = ProcessHandle.current().pid();

    @BeforeEach
    void start() throws IOException {
        start(ServerConfig.forTests());
    }

    private void start(ServerConfig config) throws IOException {
        server = EcoServer.start(config, metrics);
        udp = server.udpAddress().orElseThrow();
        try (UdpProbe warmUp = new UdpProbe(udp)) {
            warmUp.roundTrip();
        }
        baseline = Footprint.of(pid);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Source ports 7 (echo) and 19 (chargen), where a forged request would start an endless bounce. */
    @Test
    void datagramsFromPrivilegedPortsAreDroppedAndCounted() throws Exception {
        List<DatagramSocket> privileged = new ArrayList<>();
        try {
            for (int port : new int[] {7, 19}) {
                privileged.add(new DatagramSocket(new InetSocketAddress(udp.getAddress(), port)));
            }
        } catch (SocketException e) {
            privileged.forEach(DatagramSocket::close);
            Tools.require(false, "binding UDP ports 7 and 19 needs root: " + e.getMessage());
        }
        int each = 2_000;
        try (UdpProbe probe = new UdpProbe(udp)) {
            Attack.during("privileged ports 7 and 19, " + each + " datagrams each", probe, () -> {
                byte[] bytes = "bounce me".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < each; i++) {
                    for (DatagramSocket s : privileged) {
                        s.send(new DatagramPacket(bytes, bytes.length, udp));
                    }
                }
            });
            for (DatagramSocket s : privileged) {
                s.setSoTimeout(1);
                assertTrue(receiveNothing(s), "a datagram from port " + s.getLocalPort() + " was answered");
            }
        } finally {
            privileged.forEach(DatagramSocket::close);
        }
        // The probe's answer came after them all: the UDP thread has seen every one it did not lose.
        assertTrue(metrics.dropped(ServerMetrics.UdpDrop.PRIVILEGED_PORT) > 0, "privileged drops are counted");
        assertEquals(0, metrics.answeredFromPrivileged.sum(), "nothing was answered to a privileged port");
        System.out.println("privileged: dropped " + metrics.dropped(ServerMetrics.UdpDrop.PRIVILEGED_PORT) + " of "
                + 2 * each + " (the rest lost in the socket buffer); after " + Footprint.awaitBackTo(baseline, pid));
    }

    /** Floods from 127.0.0.2, .3, …: each address has its own bucket, the probe from 127.0.0.1 its own. */
    @Test
    void floodsFromManySourceAddresses() throws Exception {
        server.close();
        start(ServerConfig.forTests().toBuilder()
                .udpRate(100, 200)
                .build()); // a bucket a flood empties in verify's time
        List<DatagramSocket> sources = new ArrayList<>();
        for (int i = 0; i < SOURCES; i++) {
            sources.add(new DatagramSocket(new InetSocketAddress("127.0.0." + (i + 2), 0)));
        }
        try (UdpProbe probe = new UdpProbe(udp)) {
            Attack.during("UDP flood from " + SOURCES + " addresses x " + PER_SOURCE, probe, () -> {
                byte[] bytes = "flood ".repeat(16).getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < PER_SOURCE; i++) {
                    for (DatagramSocket s : sources) {
                        s.send(new DatagramPacket(bytes, bytes.length, udp));
                    }
                }
            });
        } finally {
            sources.forEach(DatagramSocket::close);
        }
        assertTrue(
                metrics.dropped(ServerMetrics.UdpDrop.RATE_LIMITED) > 0,
                "more than the burst of 200 per address: some are rate-limited");
        metrics.assertNoAmplification();
        System.out.printf(
                "many sources: %d answered, %d rate-limited, %d bytes in, %d out; after %s%n",
                metrics.answered.sum(),
                metrics.dropped(ServerMetrics.UdpDrop.RATE_LIMITED),
                metrics.bytesIn.sum(),
                metrics.bytesOut.sum(),
                Footprint.awaitBackTo(baseline, pid));
    }

    /** Datagrams of the largest size, text and JSON: echoed byte for byte, never more bytes out than in. */
    @Test
    void largestDatagramsAreEchoedByteForByte() throws Exception {
        byte[] text = new byte[MAX_DATAGRAM];
        new Random(42).nextBytes(text);
        text[0] = 'x'; // not JSON
        String head = "{\"type\":\"message\",\"body\":\"";
        String json = head + "j".repeat(MAX_DATAGRAM - head.length() - 2) + "\"}";
        try (UdpProbe probe = new UdpProbe(udp);
                DatagramSocket client = new DatagramSocket(new InetSocketAddress(udp.getAddress(), 0))) {
            client.setSoTimeout((int) Probe.BOUND.toMillis());
            client.setReceiveBufferSize(1 << 20);
            Attack.during("100 datagrams of 65,507 bytes", probe, () -> {
                byte[] buf = new byte[65_535];
                for (int i = 0; i < 100; i++) {
                    byte[] sent = i % 2 == 0 ? text : json.getBytes(StandardCharsets.US_ASCII);
                    client.send(new DatagramPacket(sent, sent.length, udp));
                    DatagramPacket reply = new DatagramPacket(buf, buf.length);
                    client.receive(reply);
                    assertArrayEquals(sent, Arrays.copyOf(buf, reply.getLength()), "datagram " + i);
                }
            });
        }
        metrics.assertNoAmplification();
        System.out.println("largest datagrams: after " + Footprint.awaitBackTo(baseline, pid));
    }

    /** Every kind of request, short and long, many times over: no reply of any type outgrows its datagram. */
    @Test
    void noReplyTypeAmplifies() throws Exception {
        List<String> requests = List.of(
                "x",
                "quit",
                "/quit",
                "/ping",
                "/help",
                "/nick",
                "/nick bob",
                "/join r",
                "/leave",
                "/who",
                "/rooms",
                "{",
                "{}",
                "[",
                "{\"type\":\"message\",\"body\":1}",
                "{\"type\":\"message\",\"body\":1,\"id\":2}",
                "{\"type\":\"ping\"}",
                "{\"type\":\"ping\",\"id\":\"p\"}",
                "{\"type\":\"quit\"}",
                "{\"type\":\"help\"}",
                "{\"type\":\"nick\",\"name\":\"n\"}",
                "{\"type\":\"join\",\"room\":\"r\"}",
                "{\"type\":\"leave\"}",
                "{\"type\":\"who\"}",
                "{\"type\":\"rooms\"}",
                "{\"type\":\"x\",\"id\":1}",
                "{\"type\":1}",
                "{\"a\":tru}",
                "{\"type\":\"help\"}" + " ".repeat(80),
                "y".repeat(70_000 - 1));
        try (UdpProbe probe = new UdpProbe(udp);
                DatagramSocket client = new DatagramSocket(new InetSocketAddress(udp.getAddress(), 0))) {
            Attack.during("every request type x 50", probe, () -> {
                for (int round = 0; round < 50; round++) {
                    for (String r : requests) {
                        byte[] b = (round % 2 == 0 ? r : r + "\n").getBytes(StandardCharsets.UTF_8);
                        if (b.length <= MAX_DATAGRAM) {
                            client.send(new DatagramPacket(b, b.length, udp));
                        }
                    }
                }
            });
        }
        metrics.assertNoAmplification();
        assertTrue(
                metrics.dropped(ServerMetrics.UdpDrop.REPLY_TOO_LARGE) > 0, "the replies that cannot fit are dropped");
        System.out.printf(
                "every type: %d answered (%d bytes in, %d out), %d too large to answer; after %s%n",
                metrics.answered.sum(),
                metrics.bytesIn.sum(),
                metrics.bytesOut.sum(),
                metrics.dropped(ServerMetrics.UdpDrop.REPLY_TOO_LARGE),
                Footprint.awaitBackTo(baseline, pid));
    }

    private static boolean receiveNothing(DatagramSocket s) throws IOException {
        try {
            s.receive(new DatagramPacket(new byte[16], 16));
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        }
    }

    /** The server's UDP counts, datagram by datagram. */
    private static final class Counting implements ServerMetrics {
        final LongAdder answered = new LongAdder();
        final LongAdder bytesIn = new LongAdder();
        final LongAdder bytesOut = new LongAdder();
        final LongAdder answeredFromPrivileged = new LongAdder();
        final Map<UdpDrop, LongAdder> drops = new EnumMap<>(UdpDrop.class);
        final ConcurrentLinkedQueue<String> amplified = new ConcurrentLinkedQueue<>();

        Counting() {
            for (UdpDrop d : UdpDrop.values()) {
                drops.put(d, new LongAdder());
            }
        }

        @Override
        public void udpAnswered(int in, int out) {
            answered.increment();
            bytesIn.add(in);
            bytesOut.add(out);
            if (out > in) {
                amplified.add(in + " bytes answered with " + out);
            }
        }

        @Override
        public void udpDropped(UdpDrop reason, int bytesIn) {
            drops.get(reason).increment();
        }

        long dropped(UdpDrop reason) {
            return drops.get(reason).sum();
        }

        void assertNoAmplification() {
            assertTrue(amplified.isEmpty(), "replies larger than their datagrams: " + amplified);
            assertTrue(bytesOut.sum() <= bytesIn.sum(), bytesOut.sum() + " bytes out for " + bytesIn.sum() + " in");
        }
    }
}

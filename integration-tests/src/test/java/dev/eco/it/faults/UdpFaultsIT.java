package dev.eco.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.junit.EcoServerExtension;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * UDP faults over real datagrams. The rates are measured at the client over 10,000 datagrams with a fixed
 * seed, and must land within {@link #TOLERANCE} of what was asked: at 10% over about 9,000 replies one
 * standard deviation is 0.3 points, so the tolerance is five of them. The client keeps at most one small batch
 * in flight, so that the kernel's own buffers never drop a datagram and blur the count.
 */
class UdpFaultsIT {

    private static final int DATAGRAMS = 10_000;
    private static final int BATCH = 50;
    /** How far, in percentage points, a measured rate may be from the one asked. */
    private static final double TOLERANCE = 1.5;
    /** Datagrams sent after the counted ones, to release what is held: that all 20 are held is 1 in 10^20. */
    private static final int FLUSH = 20;

    @RegisterExtension
    final EcoServerExtension eco = new EcoServerExtension(
            ServerConfig.forTests().toBuilder().udpRate(0, 1).build());

    private InetSocketAddress udp() {
        return eco.server().udpAddress().orElseThrow();
    }

    @Test
    void dropDuplicateAndReorderLandOnTheirRates() throws Exception {
        eco.server().faults().set("drop=10%; duplicate=10%; reorder=10%; seed=42");
        List<Integer> arrivals = exchange(DATAGRAMS);

        Set<Integer> seen = new HashSet<>();
        int duplicated = 0;
        int reordered = 0;
        int highest = -1;
        for (int seq : arrivals) {
            if (!seen.add(seq)) {
                duplicated++;
                continue;
            }
            if (seq < highest) {
                reordered++; // it came after a later one
            }
            highest = Math.max(highest, seq);
        }
        double dropRate = 100.0 * (DATAGRAMS - seen.size()) / DATAGRAMS;
        double duplicateRate = 100.0 * duplicated / seen.size();
        double reorderRate = 100.0 * reordered / seen.size();
        String measured = "dropped %.2f%%, duplicated %.2f%%, reordered %.2f%% of %d"
                .formatted(dropRate, duplicateRate, reorderRate, DATAGRAMS);
        System.out.println("UdpFaultsIT: " + measured); // in the failsafe report, for the record
        assertEquals(10, dropRate, TOLERANCE, measured);
        assertEquals(10, duplicateRate, TOLERANCE, measured);
        assertEquals(10, reorderRate, TOLERANCE, measured);
    }

    @Test
    void latencyHoldsEachReplyAndKeepsItsBytes() throws IOException {
        eco.server().faults().set("latency=300ms");
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(10_000);
            long sent = System.nanoTime();
            assertEquals("held a while\n", roundTrip(client, "held a while\n"));
            assertTrue(Duration.ofNanos(System.nanoTime() - sent).toMillis() >= 300, "the reply came early");
        }
    }

    @Test
    void blackholeAnswersNothingUntilCleared() throws IOException {
        eco.server().faults().set("blackhole");
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> roundTrip(client, "hello?\n"), "no answer");
            eco.server().faults().clear();
            client.setSoTimeout(10_000);
            assertEquals("hello again\n", roundTrip(client, "hello again\n"));
        }
    }

    private String roundTrip(DatagramSocket client, String text) throws IOException {
        byte[] bytes = text.getBytes(UTF_8);
        client.send(new DatagramPacket(bytes, bytes.length, udp()));
        DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
        client.receive(reply);
        return new String(reply.getData(), 0, reply.getLength(), UTF_8);
    }

    /** Sends {@code count} numbered datagrams, a batch at a time, and returns the numbers as replies came. */
    private List<Integer> exchange(int count) throws Exception {
        List<Integer> arrivals = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(100);
            Thread receiver = Thread.ofPlatform().name("udp-faults-receiver").start(() -> {
                DatagramPacket reply = new DatagramPacket(new byte[64], 64);
                while (!done.get()) {
                    try {
                        client.receive(reply);
                        int seq = Integer.parseInt(new String(reply.getData(), 0, reply.getLength(), UTF_8).strip());
                        synchronized (arrivals) {
                            arrivals.add(seq);
                        }
                    } catch (SocketTimeoutException e) {
                        // look at done again
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            // After the numbered ones, a few more: a reply held for reordering goes out after the next one.
            for (int seq = 0; seq < count + FLUSH; seq++) {
                byte[] bytes = (seq + "\n").getBytes(UTF_8);
                client.send(new DatagramPacket(bytes, bytes.length, udp()));
                if (seq % BATCH == BATCH - 1 || seq == count + FLUSH - 1) {
                    settle(arrivals);
                }
            }
            done.set(true);
            receiver.join();
        }
        synchronized (arrivals) {
            return arrivals.stream().filter(seq -> seq < count).toList();
        }
    }

    /** Waits until no reply has come for a moment: the batch in flight is answered (or dropped). */
    private static void settle(List<Integer> arrivals) {
        int[] last = {-1};
        await().pollInterval(Duration.ofMillis(20))
                .atMost(Duration.ofSeconds(30))
                .until(() -> {
                    int now;
                    synchronized (arrivals) {
                        now = arrivals.size();
                    }
                    boolean quiet = now == last[0];
                    last[0] = now;
                    return quiet;
                });
    }
}

package dev.eco.it.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slow clients against a real {@code eco serve}: they hold connections at almost no cost to the client. The
 * well-behaved {@link Probe} must be answered during and after, and the server's heap and open files must come
 * back to their baseline once the attackers are gone. Verify's scale; benchmarks/hostile runs larger ones.
 */
class SlowlorisIT {

    static final int SLOW_CONNECTIONS = Integer.getInteger("hostile.slow", 200);
    static final int NON_READERS = Integer.getInteger("hostile.nonReaders", 50);

    private EcoProcess eco;
    private InetSocketAddress server;
    private Footprint baseline;

    @BeforeEach
    void start() throws IOException {
        // Every attacker is this machine: no cap per address, which would refuse benchmarks/hostile's counts
        // (the cap has tests of its own: LimitsIT).
        eco = EcoProcess.serve(
                "--port", "0", "--udp-port", "off", "--write-timeout", "2s", "--max-connections-per-address", "0");
        server = eco.address("tcp");
        try (Probe warmUp = new Probe(server)) {
            warmUp.roundTrip();
        }
        baseline = Footprint.of(eco.process().pid());
    }

    @AfterEach
    void stop() {
        eco.close();
    }

    /** Many connections, each sending one byte every second and never a newline. */
    @Test
    void connectionsThatSendAByteASecondAndNeverANewline() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try (Probe probe = new Probe(server)) {
            Attack.during("slowloris " + SLOW_CONNECTIONS + " connections, 1 byte/s for 4 s", probe, () -> {
                for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                    Socket s = new Socket(server.getAddress(), server.getPort());
                    synchronized (slow) {
                        slow.add(s);
                    }
                }
                CountDownLatch never = new CountDownLatch(1);
                for (int second = 0; second < 4; second++) {
                    for (Socket s : slow) {
                        s.getOutputStream().write('z');
                    }
                    never.await(1, TimeUnit.SECONDS); // the pace of the attack
                }
            });
            Footprint held = Footprint.of(eco.process().pid());
            System.out.printf(
                    "slowloris: baseline %s; %d connections held: %s, %d KiB heap each%n",
                    baseline, slow.size(), held, (held.heapBytes() - baseline.heapBytes()) / 1024 / slow.size());
            assertTrue(
                    held.openFiles() >= baseline.openFiles() + SLOW_CONNECTIONS,
                    "the server still holds every slow connection: " + held);
            for (Socket s : slow) {
                s.close();
            }
            probe.roundTrip();
        }
        System.out.println("slowloris: after "
                + Footprint.awaitBackTo(baseline, eco.process().pid()));
    }

    /** The same connections under a frame timeout: each is told frame_timeout and closed, however it trickles. */
    @Test
    void aFrameTimeoutEndsEverySlowlorisConnection() throws Exception {
        try (EcoProcess timed = EcoProcess.serve(
                        "--port",
                        "0",
                        "--udp-port",
                        "off",
                        "--frame-timeout",
                        "2s",
                        "--max-connections-per-address",
                        "0");
                Probe probe = new Probe(timed.address("tcp"))) {
            InetSocketAddress address = timed.address("tcp");
            List<Socket> slow = new ArrayList<>();
            AtomicInteger told = new AtomicInteger();
            try {
                Attack.during("slowloris " + SLOW_CONNECTIONS + " connections under --frame-timeout 2s", probe, () -> {
                    for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                        Socket s = new Socket(address.getAddress(), address.getPort());
                        s.setSoTimeout(10_000);
                        slow.add(s);
                    }
                    CountDownLatch never = new CountDownLatch(1);
                    // A byte a second each, never a newline, until the server has closed every one of them.
                    for (int second = 0; second < 10 && told.get() < SLOW_CONNECTIONS; second++) {
                        for (Socket s : slow) {
                            if (!s.isInputShutdown()) {
                                try {
                                    s.getOutputStream().write('z');
                                } catch (IOException e) {
                                    s.shutdownInput(); // closed by the server: counted below
                                }
                            }
                        }
                        never.await(1, TimeUnit.SECONDS); // the pace of the attack
                        for (Socket s : slow) {
                            if (!s.isInputShutdown() && s.getInputStream().available() > 0) {
                                String notice =
                                        new String(s.getInputStream().readNBytes(20), StandardCharsets.US_ASCII);
                                assertEquals("error: frame_timeout", notice);
                                told.incrementAndGet();
                                s.shutdownInput();
                            }
                        }
                    }
                });
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
            assertEquals(SLOW_CONNECTIONS, told.get(), "every slowloris connection was told frame_timeout");
        }
    }

    /** Connections that send frames and never read a reply: the server's writes block, the write timeout ends them. */
    @Test
    void connectionsThatNeverReadAreCutOffByTheWriteTimeout() throws Exception {
        AtomicInteger cutOff = new AtomicInteger();
        try (Probe probe = new Probe(server)) {
            Attack.during("non-readers " + NON_READERS + " connections writing until cut off", probe, () -> {
                List<Thread> writers = new ArrayList<>();
                for (int i = 0; i < NON_READERS; i++) {
                    writers.add(Thread.ofVirtual().name("non-reader-" + i).start(() -> {
                        try (Socket s = new Socket()) {
                            s.setReceiveBufferSize(16 * 1024);
                            s.connect(server);
                            byte[] lines = "never read\n".repeat(1_000).getBytes(StandardCharsets.US_ASCII);
                            OutputStream out = s.getOutputStream();
                            for (int n = 0; n < 100_000; n++) {
                                out.write(lines); // blocks once both buffers are full, until the server gives up
                            }
                        } catch (IOException e) {
                            cutOff.incrementAndGet(); // reset or broken pipe: the server closed it
                        }
                    }));
                }
                for (Thread w : writers) {
                    assertTrue(w.join(java.time.Duration.ofSeconds(30)), w.getName() + " was never cut off");
                }
            });
        }
        assertEquals(NON_READERS, cutOff.get(), "every connection that never reads is closed by the server");
        System.out.println("non-readers: after "
                + Footprint.awaitBackTo(baseline, eco.process().pid()));
    }

    /** A 64 KiB frame, the largest allowed, sent one byte per write, then its newline: echoed whole. */
    @Test
    void aLargestFrameSentOneByteAtATimeIsEchoedWhole() throws Exception {
        int size = 65_536;
        byte[] echo = new byte[size + 1];
        try (Probe probe = new Probe(server);
                Socket s = new Socket(server.getAddress(), server.getPort())) {
            s.setTcpNoDelay(true); // one segment per byte
            s.setSoTimeout(10_000);
            Attack.during("one 64 KiB frame one byte per write", probe, () -> {
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < size; i++) {
                    out.write('a' + i % 26);
                }
                out.write('\n');
                InputStream in = s.getInputStream();
                for (int got = 0, n; got < echo.length; got += n) {
                    n = in.read(echo, got, echo.length - got);
                    assertTrue(n > 0, "end of stream after " + got + " bytes of the echo");
                }
            });
        }
        for (int i = 0; i < size; i++) {
            assertEquals('a' + i % 26, echo[i], "byte " + i + " of the echo");
        }
        assertEquals('\n', echo[size]);
        assertTrue(Arrays.equals(echo, 0, 3, "abc".getBytes(StandardCharsets.US_ASCII), 0, 3));
        System.out.println("byte-at-a-time frame: after "
                + Footprint.awaitBackTo(baseline, eco.process().pid()));
    }
}

package dev.eco.it.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Floods against a real {@code eco serve}: connection storms, pipelining far ahead of reading, lines of a
 * megabyte, JSON built to be expensive, bytes that are no text at all. The {@link Probe} must be answered during
 * and after each; heap and open files must come back to their baseline.
 */
class FloodIT {

    static final int STORM_CONNECTIONS = Integer.getInteger("hostile.storm", 1_000);

    private EcoProcess eco;
    private InetSocketAddress server;
    private Footprint baseline;

    @BeforeEach
    void start() throws IOException {
        // No cap per address: every attacker is this machine (benchmarks/hostile storms with 10,000 connections).
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
        assertTrue(
                eco.stderr().stream().noneMatch(line -> line.contains("Exception") || line.contains("\tat ")),
                "no stack trace in the server's log: " + eco.stderr());
        eco.close();
    }

    /** Connects closed at once with SO_LINGER 0, so each ends in a reset, from four threads. */
    @Test
    void connectsResetAtOnce() throws Exception {
        AtomicLong resets = new AtomicLong();
        try (Probe probe = new Probe(server)) {
            Attack.during("connect+reset storm " + STORM_CONNECTIONS, probe, () -> {
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    threads.add(Thread.ofPlatform().name("storm-" + t).start(() -> {
                        for (int i = 0; i < STORM_CONNECTIONS / 4; i++) {
                            try (Socket s = new Socket(server.getAddress(), server.getPort())) {
                                s.setSoLinger(true, 0); // close() sends RST
                                if (i % 2 == 0) {
                                    s.getOutputStream().write("half a fra".getBytes(StandardCharsets.US_ASCII));
                                }
                                resets.incrementAndGet();
                            } catch (IOException e) {
                                throw new AssertionError("connect " + i + " failed", e);
                            }
                        }
                    }));
                }
                for (Thread t : threads) {
                    t.join();
                }
            });
        }
        assertEquals(STORM_CONNECTIONS, resets.get());
        System.out.println(
                "storm: after " + Footprint.awaitBackTo(baseline, eco.process().pid()));
    }

    /** Pipelined frames written far faster than the client reads them; every reply comes back, in order. */
    @Test
    void pipelinedFramesFarFasterThanTheClientReads() throws Exception {
        int frames = 200_000;
        try (Probe probe = new Probe(server);
                Socket s = new Socket(server.getAddress(), server.getPort())) {
            s.setSoTimeout(10_000);
            Attack.during("pipelining " + frames + " frames, reading slowly", probe, () -> {
                CompletableFuture<Void> writer = CompletableFuture.runAsync(
                        () -> {
                            try {
                                OutputStream out = s.getOutputStream();
                                StringBuilder batch = new StringBuilder();
                                for (int i = 0; i < frames; i++) {
                                    batch.append("pipelined ").append(i).append('\n');
                                    if (batch.length() > 60_000) {
                                        out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                                        batch.setLength(0);
                                    }
                                }
                                out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                            } catch (IOException e) {
                                throw new AssertionError("writer", e);
                            }
                        },
                        r -> Thread.ofPlatform().name("pipeliner").start(r));
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII), 1024);
                CompletableFuture<Void> pace = new CompletableFuture<>();
                for (int i = 0; i < frames; i++) {
                    assertEquals("pipelined " + i, in.readLine());
                    if (i % 20_000 == 0) {
                        try {
                            pace.get(200, TimeUnit.MILLISECONDS); // reads in spurts, far behind the writer
                        } catch (java.util.concurrent.TimeoutException e) {
                            // the pause is over
                        }
                    }
                }
                writer.get(10, TimeUnit.SECONDS);
            });
        }
        System.out.println("pipelining: after "
                + Footprint.awaitBackTo(baseline, eco.process().pid()));
    }

    /** Lines of a megabyte, CRs without LFs and NULs among them: frame_too_long each, then normal service. */
    @Test
    void megabyteLinesAndCarriageReturnsWithoutLineFeeds() throws Exception {
        try (Probe probe = new Probe(server);
                Socket s = new Socket(server.getAddress(), server.getPort())) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            Attack.during("five 1 MB lines", probe, () -> {
                byte[][] lines = {
                    "m".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII),
                    "\r".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII),
                    new byte[1 << 20],
                    "{\"type\":\"message\",\"body\":\""
                            .concat("j".repeat(1 << 20))
                            .getBytes(StandardCharsets.US_ASCII),
                    "m\rm\r".repeat(1 << 18).getBytes(StandardCharsets.US_ASCII)
                };
                for (byte[] line : lines) {
                    out.write(line);
                    out.write('\n');
                    String reply = in.readLine();
                    assertTrue(reply.contains("frame_too_long"), reply);
                    out.write("after\n".getBytes(StandardCharsets.US_ASCII));
                    assertEquals("after", in.readLine());
                }
            });
        }
        System.out.println("1 MB lines: after "
                + Footprint.awaitBackTo(baseline, eco.process().pid()));
    }

    /** JSON nested as deep as a frame allows, and numbers as long: bad_json, quickly, and the connection goes on. */
    @Test
    void deeplyNestedAndHugeNumberJson() throws Exception {
        List<String> hostile = List.of(
                "{\"type\":\"message\",\"body\":" + "[".repeat(32_000) + "]".repeat(32_000) + "}",
                "{\"a\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001),
                "{\"type\":\"message\",\"body\":" + "9".repeat(65_000) + "}",
                "{\"type\":\"message\",\"body\":1e" + "9".repeat(60_000) + "}",
                "{\"type\":\"message\",\"body\":0." + "1".repeat(60_000) + "}",
                "{\"type\":\"message\",\"body\":\"" + "\\u0000".repeat(10_000) + "\"}");
        try (Probe probe = new Probe(server);
                Socket s = new Socket(server.getAddress(), server.getPort())) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            Attack.during("expensive JSON x" + hostile.size() * 20, probe, () -> {
                for (int round = 0; round < 20; round++) {
                    for (String frame : hostile) {
                        out.write((frame + "\n").getBytes(StandardCharsets.US_ASCII));
                        String reply = in.readLine();
                        assertTrue(
                                reply.startsWith("{\"type\":\"error\",\"code\":\"bad_json\"")
                                        || reply.startsWith(
                                                "{\"type\":\"message\",\"body\":\""), // the NULs, escaped, are a fine
                                // body
                                () -> reply.substring(0, Math.min(200, reply.length())));
                    }
                }
            });
        }
        System.out.println("expensive JSON: after "
                + Footprint.awaitBackTo(baseline, eco.process().pid()));
    }

    /** A megabyte of random bytes (invalid UTF-8, NULs, lone CRs, some LFs), then a marker: still in step. */
    @Test
    void randomBytesEverywhere() throws Exception {
        long seed = System.nanoTime();
        byte[] garbage = new byte[1 << 20];
        new Random(seed).nextBytes(garbage);
        try (Probe probe = new Probe(server);
                Socket s = new Socket(server.getAddress(), server.getPort())) {
            s.setSoTimeout(10_000);
            Attack.during("1 MiB of random bytes (seed " + seed + ")", probe, () -> {
                CompletableFuture<Void> writer = CompletableFuture.runAsync(
                        () -> {
                            try {
                                s.getOutputStream().write(garbage);
                                s.getOutputStream().write("\nmarker\n".getBytes(StandardCharsets.US_ASCII));
                            } catch (IOException e) {
                                throw new AssertionError("writer", e);
                            }
                        },
                        r -> Thread.ofPlatform().name("garbage").start(r));
                // Replies are echoes of the garbage's lines (any bytes) or errors; the marker's echo comes last.
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                for (String line = in.readLine(); !line.equals("marker"); line = in.readLine()) {
                    assertTrue(line.length() <= 65_537, "a reply longer than a frame");
                }
                writer.get(10, TimeUnit.SECONDS);
            });
        }
        System.out.println("random bytes: after "
                + Footprint.awaitBackTo(baseline, eco.process().pid()));
    }
}

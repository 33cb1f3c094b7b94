package dev.eco.it.hostile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat abuse against a real {@code eco serve}: join/leave storms, squatting names, members that never read.
 * A {@link ChatProbe} in its own room and the echo {@link Probe} must be answered during and after; heap and
 * open files must come back to their baseline.
 */
class ChatAbuseIT {

    static final int STORMERS = Integer.getInteger("hostile.stormers", 100);
    static final int SQUATTERS = Integer.getInteger("hostile.squatters", 300);
    static final int DEAF_ROOMS = Integer.getInteger("hostile.deafRooms", 20);

    private EcoProcess eco;
    private InetSocketAddress server;
    private Footprint baseline;

    @BeforeEach
    void start() throws IOException {
        // No cap per address: every attacker is this machine (benchmarks/hostile runs thousands of squatters).
        eco = EcoProcess.serve(
                "--port",
                "0",
                "--udp-port",
                "off",
                "--write-timeout",
                "2s",
                "--max-pending",
                "50",
                "--max-connections-per-address",
                "0");
        server = eco.address("tcp");
        // Warm-up: a probe makes its first round trips as it opens, the chat probe makes one here.
        try (Probe _ = new Probe(server);
                ChatProbe chat = new ChatProbe(server, "warm", "warm")) {
            chat.roundTrip();
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

    /** Connections that join and leave rooms as fast as they can, pipelined, beyond the rate limit. */
    @Test
    void joinLeaveStorm() throws Exception {
        AtomicInteger rateLimited = new AtomicInteger();
        try (ChatProbe chat = new ChatProbe(server, "calm", "calm")) {
            Attack.during("join/leave storm " + STORMERS + " x 100", chat, () -> {
                List<Thread> stormers = new ArrayList<>();
                for (int i = 0; i < STORMERS; i++) {
                    int n = i;
                    stormers.add(Thread.ofVirtual().name("stormer-" + i).start(() -> {
                        try (Socket s = new Socket(server.getAddress(), server.getPort())) {
                            s.setSoTimeout(20_000);
                            StringBuilder frames = new StringBuilder();
                            for (int k = 0; k < 100; k++) {
                                frames.append("/join storm-")
                                        .append((n + k) % 10)
                                        .append("\n/leave\n");
                            }
                            frames.append("/quit\n");
                            s.getOutputStream().write(frames.toString().getBytes(StandardCharsets.US_ASCII));
                            BufferedReader in = new BufferedReader(
                                    new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                            String line;
                            while ((line = in.readLine()) != null) { // until bye and the end
                                if (line.startsWith("error: rate_limited")) {
                                    rateLimited.incrementAndGet();
                                }
                            }
                        } catch (IOException e) {
                            throw new AssertionError("stormer " + n, e);
                        }
                    }));
                }
                for (Thread t : stormers) {
                    assertTrue(t.join(Duration.ofSeconds(30)), t.getName() + " did not finish");
                }
            });
        }
        System.out.println("join/leave storm: " + rateLimited + " frames rate-limited; after "
                + Footprint.awaitBackTo(baseline, eco.process().pid()));
    }

    /** Hundreds of connections each holding a name; the names are free again once they go. */
    @Test
    void nicknameSquatting() throws Exception {
        List<Socket> squatters = new ArrayList<>();
        try (ChatProbe chat = new ChatProbe(server, "calm", "calm")) {
            Attack.during("nickname squatting " + SQUATTERS, chat, () -> {
                for (int i = 0; i < SQUATTERS; i++) {
                    Socket s = new Socket(server.getAddress(), server.getPort());
                    squatters.add(s);
                    s.setSoTimeout(5_000);
                    s.getOutputStream().write(("/nick squat-" + i + "\n").getBytes(StandardCharsets.US_ASCII));
                    BufferedReader in =
                            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    assertEquals("nick squat-" + i, in.readLine());
                }
            });
            try (Socket me = new Socket(server.getAddress(), server.getPort())) {
                me.setSoTimeout((int) Probe.BOUND.toMillis());
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(me.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = me.getOutputStream();
                out.write("/nick SQUAT-7\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(in.readLine().startsWith("error: nick_taken"), "a squatted name, in any case, is taken");
                for (Socket s : squatters) {
                    s.close();
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    out.write("/nick squat-7\n".getBytes(StandardCharsets.US_ASCII));
                    return in.readLine().equals("nick squat-7");
                });
            }
            chat.roundTrip();
        }
        System.out.println("squatting: after "
                + Footprint.awaitBackTo(baseline, eco.process().pid()));
    }

    /** One client's connections in many rooms, never reading, while each room is busy: cut off, the rest served. */
    @Test
    void membersInManyRoomsThatNeverRead() throws Exception {
        List<Socket> deaf = new ArrayList<>();
        for (int i = 0; i < DEAF_ROOMS; i++) {
            Socket s = new Socket();
            s.setReceiveBufferSize(16 * 1024);
            s.connect(server);
            s.getOutputStream().write(("/join busy-" + i + "\n").getBytes(StandardCharsets.US_ASCII));
            deaf.add(s);
        }
        String body = "b".repeat(60_000);
        try (ChatProbe chat = new ChatProbe(server, "calm", "calm")) {
            Attack.during("deaf members in " + DEAF_ROOMS + " busy rooms", chat, () -> {
                List<Thread> talkers = new ArrayList<>();
                for (int i = 0; i < DEAF_ROOMS; i++) {
                    int n = i;
                    talkers.add(Thread.ofVirtual().name("talker-" + i).start(() -> {
                        try (Socket s = new Socket(server.getAddress(), server.getPort())) {
                            s.setSoTimeout(10_000);
                            BufferedReader in = new BufferedReader(
                                    new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                            OutputStream out = s.getOutputStream();
                            out.write(("/join busy-" + n + "\n").getBytes(StandardCharsets.US_ASCII));
                            assertTrue(in.readLine().startsWith("joined busy-" + n), "talker joined");
                            for (int k = 0; k < 100; k++) { // within the burst of the rate limit
                                out.write((k + body + "\n").getBytes(StandardCharsets.US_ASCII));
                                String line = in.readLine();
                                while (line.startsWith("* ")) { // the deaf member's leave, once it is cut off
                                    line = in.readLine();
                                }
                                assertTrue(
                                        line.startsWith("[busy-" + n + "] <")
                                                && line.endsWith(body)
                                                && line.contains("> " + k + "b"),
                                        "talker " + n + " heard its message " + k);
                            }
                        } catch (IOException e) {
                            throw new AssertionError("talker " + n, e);
                        }
                    }));
                }
                for (Thread t : talkers) {
                    assertTrue(t.join(Duration.ofSeconds(30)), t.getName() + " did not finish");
                }
            });
        }
        int cutOff = 0;
        for (Socket s : deaf) {
            s.setSoTimeout(5_000);
            if (readsToTheEnd(s.getInputStream())) {
                cutOff++;
            }
            s.close();
        }
        assertEquals(DEAF_ROOMS, cutOff, "every member that never read was disconnected");
        System.out.println("deaf members: " + cutOff + " cut off; after "
                + Footprint.awaitBackTo(baseline, eco.process().pid()));
    }

    /** Reads what is left; true when the server ended the connection (end of stream or reset). */
    private static boolean readsToTheEnd(InputStream in) {
        byte[] buf = new byte[64 * 1024];
        try {
            while (in.read(buf) >= 0) {
                // what was queued before the cut
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }
}

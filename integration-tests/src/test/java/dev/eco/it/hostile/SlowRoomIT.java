package dev.eco.it.hostile;

import static org.awaitility.Awaitility.await;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hundreds of room members that read just fast enough never to be cut off, against a real {@code eco serve},
 * for a minute: bursts of messages keep a backlog queued for each of them, each burst under
 * {@code --max-pending} and {@code --max-pending-bytes}. The server's heap after a full GC must stay within
 * {@link #BUDGET_PER_MEMBER} a member (the room's shared messages included), and a well-behaved member of the
 * same room and a plain echo client must be answered within {@link Probe#BOUND} throughout.
 */
class SlowRoomIT {

    static final int MEMBERS = Integer.getInteger("hostile.slowMembers", 300);
    static final Duration LENGTH = Duration.ofSeconds(Long.getLong("hostile.slowRoomSeconds", 60));
    /** Messages of one burst: under the default --max-pending of 1,000. */
    static final int BURST = 850;
    /** Bytes of a message's line as members receive it, about: 850 of them are under 1 MiB (--max-pending-bytes). */
    static final int MESSAGE_BYTES = 900;
    /**
     * What one member may cost in heap while a backlog is queued for it, its share of the queued messages
     * included (docs/security.md): measured 24 to 29 KiB. An idle connection costs about 9 KiB; in a room it
     * has a writer thread and a 4 KiB batch buffer, and with a backlog a queue of references to the room's
     * shared messages. (A writer that copied its queue cost 754 KiB.)
     */
    static final long BUDGET_PER_MEMBER = 40 * 1024;

    private static final String ROOM = "slow";

    private EcoProcess eco;
    private InetSocketAddress server;
    private Footprint idle;

    @BeforeEach
    void start() throws IOException {
        // No rate limit: one talker sends each burst. --write-timeout as by default (10 s): members are never
        // that slow, which the test checks.
        eco = EcoProcess.serve("--port", "0", "--udp-port", "off", "--rate-limit", "0");
        server = eco.address("tcp");
        try (Probe _ = new Probe(server);
                BusyRoomProbe warm = new BusyRoomProbe(server, "warm")) {
            warm.roundTrip();
        }
        idle = Footprint.of(eco.process().pid());
    }

    @AfterEach
    void stop() {
        assertTrue(
                eco.stderr().stream().noneMatch(line -> line.contains("Exception") || line.contains("\tat ")),
                "no stack trace in the server's log: " + eco.stderr());
        eco.close();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a minute of attack, by design: over the default of 60 s
    void membersThatReadSlowlyKeepABacklogWithinTheirBudgetAndOthersAreServed() throws Exception {
        List<SlowMember> members = new ArrayList<>();
        List<Footprint> peaks = new ArrayList<>();
        AtomicLong sent = new AtomicLong();
        try (Talker talker = new Talker(server);
                Probe echo = new Probe(server);
                BusyRoomProbe member = new BusyRoomProbe(server, ROOM)) {
            for (int i = 0; i < MEMBERS; i++) {
                members.add(new SlowMember(server, ROOM, i));
            }
            // The probe and every slow member are in the room before the first message.
            await().atMost(Duration.ofSeconds(30)).until(() -> talker.joined() >= MEMBERS + 1);
            Attack.Asker both = new Attack.Asker() {
                @Override
                public void roundTrip() throws IOException {
                    echo.roundTrip();
                    member.roundTrip();
                }

                @Override
                public String toString() {
                    return echo + "; " + member;
                }
            };
            String name = MEMBERS + " members reading 100 KB/s, bursts of " + BURST + " x " + MESSAGE_BYTES + " bytes";
            Attack.during(name, LENGTH.plusSeconds(60), both, () -> {
                long end = System.nanoTime() + LENGTH.toNanos();
                while (System.nanoTime() < end) { // a backlog for at least the length, then the last one read
                    talker.burst(BURST, sent.get());
                    sent.addAndGet(BURST);
                    // The talker is a member: once it heard the burst's last message, every member has it queued.
                    await().atMost(Duration.ofSeconds(30)).until(() -> talker.heard() >= sent.get());
                    peaks.add(Footprint.of(eco.process().pid()));
                    await("every slow member has read the burst")
                            .atMost(Duration.ofSeconds(60))
                            .until(
                                    () -> members.stream()
                                            .filter(m -> m.marks() < sent.get() && !m.ended())
                                            .count(),
                                    behind -> behind == 0);
                    assertTrue(members.stream().noneMatch(SlowMember::ended), "a slow member was cut off");
                }
            });
            assertEquals(
                    List.of(),
                    members.stream().filter(m -> m.marks() != sent.get()).toList(),
                    "every member received every message");
        } finally {
            for (SlowMember m : members) {
                m.close();
            }
        }
        Footprint worst = peaks.stream()
                .max((a, b) -> Long.compare(a.heapBytes(), b.heapBytes()))
                .orElseThrow();
        long perMember = (worst.heapBytes() - idle.heapBytes()) / MEMBERS;
        System.out.printf(
                "slow room: %d members, %d messages in %d bursts; idle server %s; heap after GC at each burst's"
                        + " peak: %s KiB; worst %s: %d KiB a member, shared messages included (budget %d KiB)%n",
                MEMBERS,
                sent.get(),
                peaks.size(),
                idle,
                peaks.stream().map(f -> String.valueOf(f.heapBytes() >> 10)).toList(),
                worst,
                perMember >> 10,
                BUDGET_PER_MEMBER >> 10);
        assertTrue(
                perMember <= BUDGET_PER_MEMBER,
                "a member with a backlog cost " + (perMember >> 10) + " KiB of heap, over its budget of "
                        + (BUDGET_PER_MEMBER >> 10) + " KiB");
        System.out.println(
                "slow room: after " + Footprint.awaitBackTo(idle, eco.process().pid()));
    }

    /** The room's one talker: sends bursts of marked messages and reads the room as fast as it comes. */
    private static final class Talker implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final AtomicLong heard = new AtomicLong();
        private final AtomicLong joined = new AtomicLong();
        private final Thread reader;

        Talker(InetSocketAddress server) throws IOException {
            socket = new Socket(server.getAddress(), server.getPort());
            out = socket.getOutputStream();
            out.write(("/nick talker\n/join " + ROOM + "\n").getBytes(StandardCharsets.US_ASCII));
            reader = Thread.ofVirtual().name("talker-reader").start(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII), 64 * 1024)) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("[" + ROOM + "] <talker> #")) {
                            heard.incrementAndGet();
                        } else if (line.startsWith("* ") && line.endsWith(" joined " + ROOM)) {
                            joined.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    // closed at the end
                }
            });
        }

        /** Members that joined after the talker, as the room told it. */
        long joined() {
            return joined.get();
        }

        /** {@code count} messages of about {@link #MESSAGE_BYTES} as members receive them, in one write. */
        void burst(int count, long first) throws IOException {
            // "[slow] <talker> " is 16 bytes of each line the members receive
            String pad = "x".repeat(MESSAGE_BYTES - 16 - 1 - 12);
            StringBuilder lines = new StringBuilder(count * MESSAGE_BYTES);
            for (long k = first; k < first + count; k++) {
                lines.append(String.format("#%011d", k)).append(pad).append('\n');
            }
            out.write(lines.toString().getBytes(StandardCharsets.US_ASCII));
        }

        long heard() {
            return heard.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package dev.eco.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

/**
 * Members on two eco nodes talking in one room while a test breaks NATS: on each node one talker, who says
 * numbered messages one after the other (each waits for its answer: its own copy, or an error), and one
 * listener. It records what was acknowledged, what was refused and how long each answer took, and checks the
 * promises: nothing acknowledged is lost, every member records the same sequence with the same {@code seq},
 * nobody sees a message twice, each talker's messages keep their order.
 */
final class Traffic implements AutoCloseable {

    private static final Duration DELIVERY_LIMIT = Duration.ofSeconds(40);

    private final List<ChatMember> members = new ArrayList<>();
    private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> talking = new ArrayList<>();
    private volatile long longestWaitNanos;
    private volatile boolean running = true;

    private Traffic() {}

    /** Four members in {@code room}, two on each of the first two nodes; the talkers start at once. */
    static Traffic start(ServedNodes nodes, String room) throws Exception {
        Traffic traffic = new Traffic();
        try {
            for (String nick : List.of("talker0", "talker1", "listener0", "listener1")) {
                traffic.members.add(ChatMember.join(nodes.address(nick.endsWith("0") ? 0 : 1), nick, room));
            }
            for (ChatMember talker : traffic.members.subList(0, 2)) {
                traffic.talking.add(
                        Thread.ofVirtual().name("talking " + talker.nick).start(() -> traffic.talk(talker)));
            }
        } catch (Exception | Error e) {
            traffic.close();
            throw e;
        }
        return traffic;
    }

    private void talk(ChatMember talker) {
        for (int n = 0; running; n++) {
            String body = talker.nick + "-" + n;
            long sent = System.nanoTime();
            try {
                long seq = talker.say(body);
                longestWaitNanos = Math.max(longestWaitNanos, System.nanoTime() - sent);
                if (seq > 0) {
                    acknowledged.add(seq + " " + talker.nick + " " + body);
                } else {
                    refused.add(body);
                }
            } catch (Exception | Error e) {
                failures.add(e);
                return;
            }
        }
    }

    int acknowledged() {
        return acknowledged.size();
    }

    /** Waits until {@code more} messages beyond those acknowledged now are acknowledged. */
    void awaitMore(int more, Duration limit) {
        int target = acknowledged() + more;
        await("the rooms acknowledge " + more + " more messages")
                .atMost(limit)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> acknowledged() >= target || !failures.isEmpty());
        assertEquals(List.of(), failures, "a talker failed");
    }

    /** The longest a talker waited for an answer so far, in milliseconds. */
    long longestWaitMillis() {
        return longestWaitNanos / 1_000_000;
    }

    List<String> refused() {
        return List.copyOf(refused);
    }

    /** Stops the talkers and checks every promise; the room's members are all still there. */
    void stopAndVerify() throws Exception {
        stop();
        assertEquals(List.of(), failures, "a talker failed");
        List<String> acked = List.copyOf(acknowledged);
        await("every member has every acknowledged message, and all have the same")
                .atMost(DELIVERY_LIMIT)
                .until(() -> members.stream()
                        .allMatch(m -> m.messages().containsAll(acked)
                                && m.messages().equals(members.getFirst().messages())));
        List<String> reference = members.getFirst().messages();
        for (ChatMember member : members) {
            List<String> seen = member.messages();
            assertEquals(reference, seen, member.nick + " recorded another sequence than " + members.getFirst().nick);
            assertEquals(seen.size(), new HashSet<>(seen).size(), member.nick + " saw a message twice");
        }
        long previous = 0;
        int[] lastNumber = {-1, -1};
        for (String line : reference) {
            String[] parts = line.split(" ", 3);
            long seq = Long.parseLong(parts[0]);
            assertTrue(seq > previous, "seq " + seq + " after " + previous);
            previous = seq;
            int talker = parts[1].endsWith("0") ? 0 : 1;
            int number = Integer.parseInt(parts[2].substring(parts[2].lastIndexOf('-') + 1));
            assertTrue(number > lastNumber[talker], parts[2] + " after number " + lastNumber[talker]);
            lastNumber[talker] = number;
        }
        List<String> everyone = List.of("talker0", "talker1", "listener0", "listener1");
        for (ChatMember member : members) {
            assertEquals(everyone, member.who(), "/who on the node of " + member.nick);
        }
        System.out.printf(
                "%d messages acknowledged, %d refused %s, all %d members recorded the same %d%n",
                acked.size(), refused.size(), refused, members.size(), reference.size());
    }

    private void stop() {
        running = false;
        try {
            for (Thread t : talking) {
                t.join(ChatMember.ANSWER_LIMIT.plusSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // kept for the test to see
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        for (ChatMember member : members) {
            member.close();
        }
    }
}

package dev.eco.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.protocol.Codec;
import dev.eco.protocol.RawJson;
import dev.eco.protocol.Style;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Joins, leaves, renames, disconnects and slow consumers racing with broadcasts, on many virtual threads:
 * members who stay must see the same messages in the same order with no gap, and nothing may leak.
 */
class LocalRoomsConcurrencyTest {

    private static final int WATCHERS = 4;
    private static final int SENDERS = 4;
    private static final int MESSAGES_PER_SENDER = 300;
    private static final int CHURNERS = 8;
    private static final int CHURN_ROUNDS = 100;
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private final Codec codec = new Codec();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final LocalRooms chat = new LocalRooms(codec, ChatLimits.DEFAULT.withRooms(1000, 1000));

    @RepeatedTest(3)
    void membersWhoStaySeeOneOrderWithNoGapAndNothingLeaks() throws Exception {
        List<Talker> watcherOutlets = new ArrayList<>();
        List<Talker> watchers = new ArrayList<>();
        for (int i = 0; i < WATCHERS; i++) {
            Talker watcher = new Talker(chat, "watcher" + i, Integer.MAX_VALUE);
            Talker outlet = watcher;
            watcher.rename("watcher" + i);
            watcher.join("r");
            watcherOutlets.add(outlet);
            watchers.add(watcher);
        }
        watchers.getFirst().noteStyle(Style.JSON); // one reads seq numbers, the rest compare text
        List<Talker> senders = new ArrayList<>();
        List<Talker> senderOutlets = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            Talker sender = new Talker(chat, "sender" + i, Integer.MAX_VALUE);
            Talker outlet = sender;
            sender.rename("sender" + i);
            sender.join("r");
            senders.add(sender);
            senderOutlets.add(outlet);
        }
        watcherOutlets.forEach(Talker::clear);
        senderOutlets.forEach(Talker::clear);

        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Talker sender = senders.get(s);
            int id = s;
            threads.add(worker(() -> {
                await(start);
                for (int n = 0; n < MESSAGES_PER_SENDER; n++) {
                    sender.say(new RawJson(codec.quote("s" + id + "-" + n)), null);
                }
            }));
        }
        for (int c = 0; c < CHURNERS; c++) {
            int id = c;
            threads.add(worker(() -> {
                await(start);
                for (int round = 0; round < CHURN_ROUNDS; round++) {
                    // every third churner reads slowly and is cut off as a slow consumer now and then
                    Talker churner = new Talker(chat, "churner", id % 3 == 0 ? 3 : Integer.MAX_VALUE);
                    churner.join("r");
                    churner.rename("c" + id + "-" + round);
                    churner.say(new RawJson(codec.quote("c" + id + "-" + round)), null);
                    if (round % 2 == 0) {
                        churner.join("elsewhere" + (round % 5));
                    } else {
                        churner.leave();
                    }
                    churner.disconnected();
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            assertTrue(thread.join(Duration.ofSeconds(60)), "a worker did not finish");
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(
                    failures.size() + " worker(s) failed; the first: " + failures.peek(), failures.peek());
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }

        // Watchers in text style saw exactly the same lines in the same order.
        List<String> reference = watcherOutlets.get(1).lines();
        for (int i = 2; i < WATCHERS; i++) {
            assertSameLines(reference, watcherOutlets.get(i).lines(), "watcher " + i);
        }
        // Every message of the senders arrived once, each sender's in its own order.
        List<String> messages = reference.stream()
                .filter(line -> line.startsWith("[r] <sender"))
                .toList();
        assertEquals(SENDERS * MESSAGES_PER_SENDER, messages.size());
        for (int s = 0; s < SENDERS; s++) {
            String prefix = "[r] <sender" + s + "> s" + s + "-";
            List<String> own =
                    messages.stream().filter(line -> line.startsWith(prefix)).toList();
            for (int n = 0; n < MESSAGES_PER_SENDER; n++) {
                assertEquals(prefix + n, own.get(n));
            }
        }
        // The JSON watcher saw the room's seq numbers from 1 with no gap and no repeat.
        long expected = 1;
        for (String line : watcherOutlets.getFirst().lines()) {
            Matcher seq = SEQ.matcher(line);
            if (seq.find()) {
                assertEquals(expected++, Long.parseLong(seq.group(1)), line);
            }
        }
        long allMessages =
                reference.stream().filter(line -> line.startsWith("[r] <")).count();
        assertEquals(allMessages, expected - 1);
        // A sender saw the same room stream as the watchers.
        assertSameLines(reference, senderOutlets.getFirst().lines(), "sender 0");

        watchers.forEach(Talker::disconnected);
        senders.forEach(Talker::disconnected);
        assertEquals(0, chat.roomCount(), "a room leaked");
        assertEquals(0, chat.nickCount(), "a nickname leaked");
    }

    /** Like assertEquals on the lists, but names the first difference instead of printing thousands of lines. */
    private static void assertSameLines(List<String> expected, List<String> actual, String who) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), who + " differs at line " + i);
        }
        assertEquals(expected.size(), actual.size(), who + " saw another number of lines");
    }

    /** A worker thread whose failure is kept for the test to report, not lost in the thread's own stack trace. */
    private Thread worker(Runnable body) {
        return Thread.ofVirtual().start(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

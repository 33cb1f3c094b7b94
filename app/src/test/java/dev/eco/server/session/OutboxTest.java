package dev.eco.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private static Outbox.Sink sink(OutputStream out) {
        return (bytes, off, len, frames) -> out.write(bytes, off, len);
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An output that blocks every write until released, as a client that does not read would. */
    private static final class StalledOutput extends OutputStream {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch writing = new CountDownLatch(1);
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            synchronized (written) {
                written.write(b, off, len);
            }
        }

        String text() {
            synchronized (written) {
                return written.toString(StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void writesEverythingInOrderThenTheLastNoticeAndDropsWhatComesAfter() throws Exception {
        StalledOutput out = new StalledOutput();
        Outbox outbox = new Outbox(sink(out), ChatLimits.DEFAULT, "test", () -> {});
        for (int i = 0; i < 100; i++) {
            assertTrue(outbox.offer(line("m" + i)));
        }
        outbox.offerLast(line("server shutting down"));
        assertTrue(outbox.offer(line("after the end")), "a closing queue is no slow consumer");
        out.release.countDown();
        assertTrue(outbox.finish(Duration.ofSeconds(10)));
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            expected.append("m").append(i).append('\n');
        }
        assertEquals(expected + "server shutting down\n", out.text());
    }

    @Test
    void refusesBeyondItsBoundInFramesAndInBytes() throws Exception {
        StalledOutput out = new StalledOutput();
        Outbox outbox = new Outbox(sink(out), ChatLimits.DEFAULT.withPending(3, 1 << 20), "test", () -> {});
        assertTrue(outbox.offer(line("f0")));
        assertTrue(out.writing.await(10, TimeUnit.SECONDS), "the writer took f0 and is blocked writing it");
        // f0 is being written: the bound is on what waits behind it
        assertTrue(outbox.offer(line("f1")));
        assertTrue(outbox.offer(line("f2")));
        assertTrue(outbox.offer(line("f3")));
        assertFalse(outbox.offer(line("f4")), "a fourth frame waiting is over the bound of 3");
        StalledOutput small = new StalledOutput();
        Outbox bytes = new Outbox(sink(small), ChatLimits.DEFAULT.withPending(1000, 10), "test", () -> {});
        assertFalse(bytes.offer(line("more than ten bytes")));
        out.release.countDown();
        small.release.countDown();
        assertTrue(outbox.finish(Duration.ofSeconds(10)));
        assertTrue(bytes.finish(Duration.ofSeconds(10)));
        assertEquals("f0\nf1\nf2\nf3\n", out.text());
    }

    @Test
    void theWriterNeverCopiesMoreThanABatchAndWritesALargeFrameFromItsOwnArray() throws Exception {
        List<Integer> lengths = new CopyOnWriteArrayList<>();
        List<byte[]> arrays = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        Outbox.Sink recording = (bytes, off, len, frames) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            lengths.add(len);
            arrays.add(bytes);
        };
        Outbox outbox = new Outbox(recording, ChatLimits.DEFAULT, "test", () -> {});
        byte[] message = new byte[900]; // a room message, shared by every member in the room
        Arrays.fill(message, (byte) 'm');
        message[899] = '\n';
        for (int i = 0; i < 850; i++) {
            assertTrue(outbox.offer(message));
        }
        byte[] large = new byte[Outbox.BATCH_BYTES * 3];
        large[large.length - 1] = '\n';
        assertTrue(outbox.offer(large));
        release.countDown();
        assertTrue(outbox.finish(Duration.ofSeconds(10)));
        assertEquals(
                850L * 900 + large.length,
                lengths.stream().mapToLong(Integer::longValue).sum());
        assertTrue(
                lengths.stream().allMatch(n -> n <= Outbox.BATCH_BYTES || n == large.length),
                "765,000 bytes queued, but a write copied more than a batch: " + lengths);
        assertSame(large, arrays.getLast(), "the large frame is written from its own array, not copied");
    }

    @Test
    void aFailedWriteClosesTheConnectionOnce() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("broken pipe");
            }
        };
        Outbox outbox = new Outbox(sink(broken), ChatLimits.DEFAULT, "test", failures::incrementAndGet);
        outbox.offer(line("x"));
        outbox.offer(line("x again"));
        assertTrue(outbox.finish(Duration.ofSeconds(10)));
        assertEquals(1, failures.get());
        assertTrue(outbox.offer(line("y")), "a failed queue accepts and drops: its connection is closing");
    }
}

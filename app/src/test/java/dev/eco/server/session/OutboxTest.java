package dev.eco.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private static Outbox.Sink sink(OutputStream out) {
        return (bytes, off, len, frames) -> out.write(bytes, off, len);
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An output that blocks its first write until released, as a client that does not read would. */
    private static final class StalledOutput extends OutputStream {
        final CountDownLatch release = new CountDownLatch(1);
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
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
        // the writer may already hold the first frame; at most 3 more fit while it is stalled
        int accepted = 0;
        for (int i = 0; i < 10 && outbox.offer(line("f" + i)); i++) {
            accepted++;
        }
        assertTrue(accepted >= 3 && accepted <= 4, "accepted " + accepted);
        StalledOutput small = new StalledOutput();
        Outbox bytes = new Outbox(sink(small), ChatLimits.DEFAULT.withPending(1000, 10), "test", () -> {});
        assertFalse(bytes.offer(line("more than ten bytes")));
        out.release.countDown();
        small.release.countDown();
        assertTrue(outbox.finish(Duration.ofSeconds(10)));
        assertTrue(bytes.finish(Duration.ofSeconds(10)));
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

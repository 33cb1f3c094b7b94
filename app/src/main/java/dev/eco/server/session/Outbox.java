package dev.eco.server.session;

import dev.eco.chat.ChatLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.tinylog.Logger;

/**
 * The bounded outbound queue of a chat connection and its writer virtual thread. Any thread may queue
 * without blocking; the writer writes what is queued in batches of at most {@link #BATCH_BYTES}, so a busy
 * room costs one write per batch, not one per message. When the bound is hit, {@link #offer} says so and the
 * caller decides (the connection is a slow consumer). Frames are dropped only once the connection is ending.
 *
 * <p>The queue holds the frames themselves, which a room shares between all its members: a member's memory is
 * its share of those plus its batch buffer, however much is queued for it. A frame of a batch's size or more is
 * written from its own array, and frames are never copied beyond one batch, so a member that reads just fast
 * enough never to be cut off does not hold a copy of its queue while its write is blocked.
 */
final class Outbox {

    /**
     * The most bytes copied into one write, and each member's one buffer: a page, which holds a few room
     * messages (a 900-byte message to 300 slow readers measured 0.9 MB per member when the whole queue was
     * copied; docs/security.md).
     */
    static final int BATCH_BYTES = 4 * 1024;

    /** Where a batch goes: the connection's timed, counted write. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int off, int len, int frames) throws IOException;
    }

    private final Sink out;
    private final int maxFrames;
    private final long maxBytes;
    private final Runnable onWriteFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    /** No more frames are accepted, except one last notice; the writer stops when the queue is empty. */
    private boolean closing;

    private final Thread writer;
    /** Written by the writer thread only (a plain store of its own count); read after {@link #finish}. */
    private volatile long framesWritten;

    /** {@code out}: the connection's write, timed so that the write timeout sees a writer blocked. */
    Outbox(Sink out, ChatLimits limits, String name, Runnable onWriteFailure) {
        this.out = out;
        this.maxFrames = limits.maxPending();
        this.maxBytes = limits.maxPendingBytes();
        this.onWriteFailure = onWriteFailure;
        this.writer = Thread.ofVirtual().name("eco-writer " + name).start(this::write);
    }

    /**
     * Queues a frame; false, and nothing queued, when the queue is at its bound. Once the queue is closing
     * (its last notice is queued: the connection is ending) frames are accepted and dropped, because a
     * connection on its way out is no slow consumer.
     */
    boolean offer(byte[] frame) {
        lock.lock();
        try {
            if (closing) {
                return true;
            }
            if (queue.size() >= maxFrames || queuedBytes + frame.length > maxBytes) {
                return false;
            }
            enqueue(frame);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a last notice beyond the bound (shutdown, slow consumer); nothing is accepted after it. */
    void offerLast(byte[] notice) {
        lock.lock();
        try {
            if (!closing) {
                enqueue(notice);
                closing = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting and waits up to {@code timeout} for the queue to be written; true when it was. */
    boolean finish(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            closing = true;
            ready.signal();
        } finally {
            lock.unlock();
        }
        return writer.join(timeout);
    }

    long framesWritten() {
        return framesWritten;
    }

    private void enqueue(byte[] frame) {
        queue.add(frame);
        queuedBytes += frame.length;
        ready.signal();
    }

    private void write() {
        byte[] batch = new byte[BATCH_BYTES];
        long written = 0;
        try {
            while (true) {
                byte[] whole = null; // a frame written from its own array
                int length = 0;
                int frames = 0;
                lock.lock();
                try {
                    while (queue.isEmpty() && !closing) {
                        ready.await();
                    }
                    if (queue.isEmpty()) {
                        return;
                    }
                    // A batch is copied under the lock: at most BATCH_BYTES, a fraction of a microsecond.
                    if (queue.peek().length >= batch.length) {
                        whole = queue.poll();
                        frames = 1;
                        queuedBytes -= whole.length;
                    } else {
                        while (!queue.isEmpty() && length + queue.peek().length <= batch.length) {
                            byte[] frame = queue.poll();
                            System.arraycopy(frame, 0, batch, length, frame.length);
                            length += frame.length;
                            frames++;
                            queuedBytes -= frame.length;
                        }
                    }
                } finally {
                    lock.unlock();
                }
                if (whole != null) {
                    out.write(whole, 0, whole.length, 1);
                } else {
                    out.write(batch, 0, length, frames);
                }
                written += frames;
                framesWritten = written;
            }
        } catch (IOException e) {
            Logger.debug("{}: write failed: {}", Thread.currentThread().getName(), e.getMessage());
            lock.lock();
            try {
                closing = true;
                queue.clear();
                queuedBytes = 0;
            } finally {
                lock.unlock();
            }
            onWriteFailure.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

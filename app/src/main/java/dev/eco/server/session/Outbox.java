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
 * without blocking; the writer takes everything queued at once and writes it in one call, so a busy room
 * costs one write per wake-up, not one per message. When the bound is hit, {@link #offer} says so and the
 * caller decides (the connection is a slow consumer). Frames are dropped only once the connection is ending.
 */
final class Outbox {

    /** A batch buffer grown beyond this is dropped after its write, so an idle member keeps a small one. */
    static final int RETAINED_BATCH = 64 * 1024;

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
    private ArrayDeque<byte[]> queue = new ArrayDeque<>();
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
        byte[] batch = new byte[4096];
        long written = 0;
        try {
            while (true) {
                ArrayDeque<byte[]> frames;
                long length;
                lock.lock();
                try {
                    while (queue.isEmpty() && !closing) {
                        ready.await();
                    }
                    if (queue.isEmpty()) {
                        return;
                    }
                    // take the whole queue and copy it outside the lock, so senders never wait on the copy
                    frames = queue;
                    queue = new ArrayDeque<>();
                    length = queuedBytes;
                    queuedBytes = 0;
                } finally {
                    lock.unlock();
                }
                if (length > batch.length) {
                    batch = new byte[(int) length];
                }
                int at = 0;
                for (byte[] frame : frames) {
                    System.arraycopy(frame, 0, batch, at, frame.length);
                    at += frame.length;
                }
                out.write(batch, 0, at, frames.size());
                written += frames.size();
                framesWritten = written;
                if (batch.length > RETAINED_BATCH) {
                    batch = new byte[4096]; // a burst is over: an idle member keeps only a small buffer
                }
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

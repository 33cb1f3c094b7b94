package dev.eco.server.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The frames of one recording: the last {@code capacity} of them; an older frame not yet taken is forgotten
 * when a new one arrives beyond that (and counted in {@link #forgotten()}), so a long run cannot fill the heap.
 * Any connection's thread adds; a test takes.
 */
public final class FrameLog {

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final ArrayDeque<RecordedFrame> frames = new ArrayDeque<>();
    private long forgotten;

    FrameLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a recording keeps at least 1 frame, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** Keeps the frame, forgetting the oldest when the log is full. */
    public void add(RecordedFrame frame) {
        lock.lock();
        try {
            if (frames.size() == capacity) {
                frames.removeFirst();
                forgotten++;
            }
            frames.addLast(frame);
            added.signal();
        } finally {
            lock.unlock();
        }
    }

    Optional<RecordedFrame> take(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (frames.isEmpty()) {
                if (left <= 0) {
                    return Optional.empty();
                }
                left = added.awaitNanos(left);
            }
            return Optional.of(frames.removeFirst());
        } finally {
            lock.unlock();
        }
    }

    List<RecordedFrame> takeAll() {
        lock.lock();
        try {
            List<RecordedFrame> all = new ArrayList<>(frames);
            frames.clear();
            return all;
        } finally {
            lock.unlock();
        }
    }

    int capacity() {
        return capacity;
    }

    long forgotten() {
        lock.lock();
        try {
            return forgotten;
        } finally {
            lock.unlock();
        }
    }
}

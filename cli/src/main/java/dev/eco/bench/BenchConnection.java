package dev.eco.bench;

import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * One connection (TCP) or connected socket (UDP) and what is in flight on it. Messages are numbered; those
 * from {@link #oldest} to {@link #next} - 1 are in flight, in the order they were sent, and their send times
 * (intended send times in the open loop) are kept in a ring.
 */
final class BenchConnection {

    enum State {
        NEW,
        CONNECTING,
        OPEN,
        CLOSED
    }

    final int id;
    State state = State.NEW;
    SelectableChannel channel;
    SelectionKey key;
    long connectStarted;

    long next;
    long oldest;
    /** Bytes of the oldest message's reply already checked (TCP). */
    int offset;
    /** After a wrong line reply: skipping to its end (TCP line mode). */
    boolean skipping;
    /** Bytes the socket did not take yet; null when all were written. */
    ByteBuffer unsent;
    /** WebSocket mode, while connecting: the response to the upgrade read so far; null once upgraded. */
    StringBuilder upgrade;

    private long[] sentAt;

    BenchConnection(int id, int pipeline) {
        this.id = id;
        this.sentAt = new long[Integer.highestOneBit(Math.max(1, pipeline - 1)) << 1];
    }

    ByteChannel io() {
        return (ByteChannel) channel;
    }

    int inFlight() {
        return (int) (next - oldest);
    }

    /** Numbers the next message and remembers when it was (meant to be) sent; returns its number. */
    long sent(long time) {
        if (inFlight() == sentAt.length) {
            grow();
        }
        sentAt[(int) (next & (sentAt.length - 1))] = time;
        return next++;
    }

    long sentAt(long seq) {
        return sentAt[(int) (seq & (sentAt.length - 1))];
    }

    /** The oldest message is done with (answered, wrong or lost). */
    void resolveOldest() {
        oldest++;
        offset = 0;
    }

    private void grow() {
        long[] bigger = new long[sentAt.length * 2];
        for (long s = oldest; s < next; s++) {
            bigger[(int) (s & (bigger.length - 1))] = sentAt(s);
        }
        sentAt = bigger;
    }
}

package dev.eco.bench;

import java.util.List;

/**
 * The open loop's schedule for one worker: its share of {@code --rate}, spread evenly over time and round-robin
 * over its open connections. A send is stamped with the time it was due, so a generator that falls behind
 * charges the delay to the latency instead of hiding it.
 */
final class OpenLoop {

    /** Most sends in one pass, so a generator that falls behind still reads replies. */
    static final int MAX_SENDS_PER_PASS = 4096;

    /** Sends one message on a connection, stamped with the time it was due. */
    interface Sender {
        void send(BenchConnection c, long due);
    }

    private final double intervalNanos;
    private long sent;
    private int next;

    /** {@code share} of the run's connections at {@code rate} messages per second over all of them. */
    OpenLoop(BenchConfig config, int share) {
        this.intervalNanos = 1e9 * config.connections() / ((double) config.rate() * share);
    }

    /** When the next message is due, in {@link System#nanoTime()} terms of a window that began at {@code begin}. */
    long nextDue(long begin) {
        return begin + (long) (sent * intervalNanos);
    }

    /** Sends every message that is due by {@code now}, at most {@link #MAX_SENDS_PER_PASS}. */
    void sendDue(long begin, long now, List<BenchConnection> connections, Sender sender) {
        int n = connections.size();
        for (int sends = 0; sends < MAX_SENDS_PER_PASS; sends++) {
            long due = nextDue(begin);
            if (due > now) {
                return;
            }
            sent++;
            for (int tries = 0; tries < n; tries++) {
                BenchConnection c = connections.get(next++ % n);
                if (next == n) {
                    next = 0;
                }
                if (c.state == BenchConnection.State.OPEN) {
                    sender.send(c, due);
                    break;
                }
            }
        }
    }
}

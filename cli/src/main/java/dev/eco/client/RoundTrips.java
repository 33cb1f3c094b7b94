package dev.eco.client;

import java.util.Locale;

/** Round-trip times of {@code eco send --count}, summed up like {@code ping} does. */
public final class RoundTrips {

    private int sent;
    private int received;
    private long minNanos = Long.MAX_VALUE;
    private long maxNanos;
    private long totalNanos;

    public void sent() {
        sent++;
    }

    public void received(long nanos) {
        received++;
        minNanos = Math.min(minNanos, nanos);
        maxNanos = Math.max(maxNanos, nanos);
        totalNanos += nanos;
    }

    /** {@code 0.213 ms} */
    public static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    /** {@code 3 sent, 3 received, rtt min/avg/max = 0.101/0.152/0.230 ms} */
    public String summary() {
        String counts = sent + " sent, " + received + " received";
        if (received == 0) {
            return counts;
        }
        return counts
                + String.format(
                        Locale.ROOT,
                        ", rtt min/avg/max = %.3f/%.3f/%.3f ms",
                        minNanos / 1e6,
                        totalNanos / 1e6 / received,
                        maxNanos / 1e6);
    }
}

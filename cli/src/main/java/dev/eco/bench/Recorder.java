package dev.eco.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * What one worker thread measured. Only its own thread writes the plain fields; the progress printer reads
 * the {@code live*} counters, which the worker publishes with release stores (a plain store on x86).
 */
final class Recorder {

    /** Latencies in nanoseconds, up to an hour, 3 significant digits. */
    final Histogram latency = new Histogram(3_600_000_000_000L, 3);

    long messages;
    long bytes;
    long mismatches;
    long timeouts;
    long disconnects;
    long connectFailures;
    int connected;
    int openAtEnd;
    /** Messages sent and correct replies in the whole run, warmup included; set when the run ends. */
    long sent;

    final AtomicLong liveMessages = new AtomicLong();
    final AtomicLong liveErrors = new AtomicLong();
    final AtomicLong liveOpen = new AtomicLong();
    private long allMessages;

    long answered() {
        return allMessages;
    }

    long errors() {
        return mismatches + timeouts + disconnects + connectFailures;
    }

    /** A reply arrived whole and correct; {@code measured} when it falls in the measured part of the run. */
    void reply(long latencyNanos, int size, boolean measured) {
        allMessages++;
        if (measured) {
            messages++;
            bytes += size;
            latency.recordValue(Math.max(0, Math.min(latencyNanos, latency.getHighestTrackableValue())));
        }
    }

    void publish(int open) {
        liveMessages.lazySet(allMessages);
        liveErrors.lazySet(errors());
        liveOpen.lazySet(open);
    }
}

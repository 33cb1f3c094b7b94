package dev.eco.bench;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The summary of a run.
 *
 * @param config          what was run
 * @param seconds         length of the measured part, as it happened
 * @param messages        correct replies in the measured part
 * @param bytes           bytes of those replies (one direction)
 * @param latency         their latency in nanoseconds: from the send (closed loop) or from the intended send
 *                        time (open loop)
 * @param mismatches      replies that differed from what was sent, and bytes nobody asked for
 * @param timeouts        replies later than the timeout (and lost datagrams)
 * @param disconnects     connections the server closed or reset during the run
 * @param connectFailures connections that could not be opened
 * @param connected       connections open when the load began
 * @param openAtEnd       connections still open when it ended
 * @param sourceAddresses local addresses the connections were spread over
 * @param generatorCpu    CPU seconds the generator's process used in the measured part (-1 if unknown)
 * @param sent            messages sent in the whole run, warmup included
 * @param answered        correct replies in the whole run, warmup included
 */
public record Result(
        BenchConfig config,
        double seconds,
        long messages,
        long bytes,
        Histogram latency,
        long mismatches,
        long timeouts,
        long disconnects,
        long connectFailures,
        int connected,
        int openAtEnd,
        int sourceAddresses,
        double generatorCpu,
        long sent,
        long answered) {

    static Result merge(BenchConfig config, double seconds, List<Recorder> parts, int sourceAddresses, double cpu) {
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        long m = 0, b = 0, mm = 0, t = 0, d = 0, c = 0, sent = 0, answered = 0;
        int conn = 0, open = 0;
        for (Recorder r : parts) {
            h.add(r.latency);
            m += r.messages;
            b += r.bytes;
            mm += r.mismatches;
            t += r.timeouts;
            d += r.disconnects;
            c += r.connectFailures;
            conn += r.connected;
            open += r.openAtEnd;
            sent += r.sent;
            answered += r.answered();
        }
        return new Result(config, seconds, m, b, h, mm, t, d, c, conn, open, sourceAddresses, cpu, sent, answered);
    }

    public long errors() {
        return mismatches + timeouts + disconnects + connectFailures;
    }

    public double messagesPerSecond() {
        return messages / seconds;
    }

    public double megabytesPerSecond() {
        return bytes / seconds / 1e6;
    }

    /** A latency percentile in microseconds (0 when nothing was measured). */
    public double latencyMicros(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The generator's CPU time per correct reply in microseconds, 0 when unknown. */
    public double generatorMicrosPerMessage() {
        return generatorCpu < 0 || messages == 0 ? 0 : generatorCpu * 1e6 / messages;
    }

    /** The generator's CPU use in the measured part, in percent of one core (-1 when unknown). */
    public double generatorCpuPercent() {
        return generatorCpu < 0 ? -1 : generatorCpu * 100 / seconds;
    }

    public double maxLatencyMicros() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
    }
}

package dev.eco.fanout;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What a fan-out run measured. Deliveries count only messages sent inside the measured window; one that had
 * not arrived by the end of the drain is lost.
 */
public record FanOutResult(
        FanOutConfig config,
        long sent,
        long expectedDeliveries,
        long deliveries,
        long disconnected,
        double seconds,
        Histogram latencyMicros) {

    public long lost() {
        return Math.max(0, expectedDeliveries - deliveries);
    }

    public double deliveriesPerSecond() {
        return deliveries / seconds;
    }

    public double p50Millis() {
        return latencyMicros.getValueAtPercentile(50) / 1000.0;
    }

    public double p99Millis() {
        return latencyMicros.getValueAtPercentile(99) / 1000.0;
    }

    public double maxMillis() {
        return latencyMicros.getMaxValue() / 1000.0;
    }

    /** One human line. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "%d members x %.2f msg/s: %d sent, %d/%d delivered (%.0f deliveries/s), %d lost, %d disconnected,"
                        + " latency p50 %.2f ms p99 %.2f ms max %.2f ms",
                config.members(),
                config.ratePerMember(),
                sent,
                deliveries,
                expectedDeliveries,
                deliveriesPerSecond(),
                lost(),
                disconnected,
                p50Millis(),
                p99Millis(),
                maxMillis());
    }

    /** One machine-readable line. */
    public String json() {
        return String.format(
                Locale.ROOT,
                "{\"members\":%d,\"rate_per_member\":%.3f,\"sent\":%d,\"expected\":%d,\"delivered\":%d,"
                        + "\"deliveries_per_s\":%.1f,\"lost\":%d,\"disconnected\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,"
                        + "\"max_ms\":%.3f}",
                config.members(),
                config.ratePerMember(),
                sent,
                expectedDeliveries,
                deliveries,
                deliveriesPerSecond(),
                lost(),
                disconnected,
                p50Millis(),
                p99Millis(),
                maxMillis());
    }
}

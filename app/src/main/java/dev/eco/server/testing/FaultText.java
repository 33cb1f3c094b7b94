package dev.eco.server.testing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Objects;

/** How faults are written ({@link Fault#spec()}) and the checks of their values, each failure one sentence. */
final class FaultText {

    private FaultText() {}

    static String spec(Fault fault) {
        String text = switch (fault) {
            case Fault.Latency l ->
                "latency=" + duration(l.latency()) + (l.jitter().isZero() ? "" : ",jitter=" + duration(l.jitter()));
            case Fault.Bandwidth b -> "bandwidth=" + b.bytesPerSecond();
            case Fault.Slice s ->
                "slice=" + s.bytes()
                        + (s.pause().equals(Fault.Slice.DEFAULT_PAUSE) ? "" : ",pause=" + duration(s.pause()));
            case Fault.CloseAfter c -> "close-after=" + c.bytes();
            case Fault.ResetAfter r -> "reset-after=" + r.bytes();
            case Fault.StallAfter s -> "stall-after=" + s.bytes();
            case Fault.Blackhole b -> "blackhole";
            case Fault.Drop d -> "drop=" + percent(d.percent());
            case Fault.Duplicate d -> "duplicate=" + percent(d.percent());
            case Fault.Reorder r -> "reorder=" + percent(r.percent());
        };
        return fault.probability() < 1 ? text + ",probability=" + percent(fault.probability() * 100) : text;
    }

    /** {@code 250ms}, {@code 2s}, {@code 0}: whole seconds in seconds, anything else in milliseconds. */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis == 0) {
            return "0";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** {@code 10%}, {@code 0.5%}: at most six significant digits, so that a fraction prints as it was written. */
    static String percent(double value) {
        return new BigDecimal(value)
                        .round(new MathContext(6))
                        .stripTrailingZeros()
                        .toPlainString() + "%";
    }

    static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be more than 0");
        }
    }

    static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
        }
    }

    static void requirePercent(String name, double percent) {
        if (!(percent > 0 && percent <= 100)) { // also false for NaN
            throw new IllegalArgumentException(
                    name + " must be more than 0% and at most 100%, not " + percentOrNaN(percent));
        }
    }

    static void requireProbability(double probability) {
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException(
                    "probability must be more than 0% and at most 100%, not " + percentOrNaN(probability * 100));
        }
    }

    private static String percentOrNaN(double percent) {
        return Double.isFinite(percent) ? percent(percent) : String.valueOf(percent);
    }
}

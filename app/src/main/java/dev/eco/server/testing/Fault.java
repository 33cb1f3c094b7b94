package dev.eco.server.testing;

import java.time.Duration;
import java.util.Locale;

/**
 * One way the server misbehaves on purpose, as {@code eco serve --fault}, {@code PUT /faults} and
 * {@link Faults#set(String)} write it ({@link #spec()}). A fault applies to what the server writes, never
 * changes a byte of it, and applies to each connection (each datagram, for UDP) with its
 * {@link #probability()}; docs/testing.md shows each with what a well-written client does under it.
 */
public sealed interface Fault {

    /** Every fault, for counting; {@link #spec()} is its name in a spec ({@code close-after}). */
    enum Kind {
        LATENCY,
        BANDWIDTH,
        SLICE,
        CLOSE_AFTER,
        RESET_AFTER,
        STALL_AFTER,
        BLACKHOLE,
        DROP,
        DUPLICATE,
        REORDER;

        public String spec() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    Kind kind();

    /** The chance, above 0 and at most 1, that it applies to a connection (decided once) or a datagram. */
    double probability();

    /** The fault as a spec: {@code latency=200ms,jitter=50ms}; {@link FaultPlan#parse} reads it back. */
    default String spec() {
        return FaultText.spec(this);
    }

    /** {@code latency=DURATION[,jitter=DURATION]}: each reply (each write, each datagram) is held this long ± jitter. */
    record Latency(Duration latency, Duration jitter, double probability) implements Fault {
        public Latency {
            FaultText.requirePositive("latency", latency);
            FaultText.requireNotNegative("jitter", jitter);
            FaultText.requireProbability(probability);
        }

        /** A delay from latency − jitter to latency + jitter, never below 0, in nanoseconds. */
        public long delayNanos(java.util.random.RandomGenerator random) {
            long jitterNanos = jitter.toNanos();
            long delay = latency.toNanos() + (jitterNanos == 0 ? 0 : random.nextLong(-jitterNanos, jitterNanos + 1));
            return Math.max(0, delay);
        }

        @Override
        public Kind kind() {
            return Kind.LATENCY;
        }
    }

    /** {@code bandwidth=BYTES_PER_S}: replies are paced to this many bytes a second, per connection (all of UDP). */
    record Bandwidth(long bytesPerSecond, double probability) implements Fault {
        public Bandwidth {
            FaultText.requireAtLeast("bandwidth", bytesPerSecond, 1);
            FaultText.requireProbability(probability);
        }

        @Override
        public Kind kind() {
            return Kind.BANDWIDTH;
        }
    }

    /**
     * {@code slice=BYTES[,pause=DURATION]}: each reply is written in pieces of at most this many bytes, with
     * the pause (default {@link #DEFAULT_PAUSE}) between them, so that they leave as separate TCP segments.
     */
    record Slice(int bytes, Duration pause, double probability) implements Fault {
        /** Long enough that the kernel has sent one piece before the next is written, so none merge. */
        public static final Duration DEFAULT_PAUSE = Duration.ofMillis(10);

        public Slice {
            FaultText.requireAtLeast("slice", bytes, 1);
            FaultText.requireNotNegative("pause", pause);
            FaultText.requireProbability(probability);
        }

        @Override
        public Kind kind() {
            return Kind.SLICE;
        }
    }

    /** {@code close-after=BYTES}: exactly this many bytes are written (a reply may be cut), then a clean close (FIN). */
    record CloseAfter(long bytes, double probability) implements Fault {
        public CloseAfter {
            FaultText.requireAtLeast("close-after", bytes, 0);
            FaultText.requireProbability(probability);
        }

        @Override
        public Kind kind() {
            return Kind.CLOSE_AFTER;
        }
    }

    /** {@code reset-after=BYTES}: exactly this many bytes are written, then a reset (RST, {@code SO_LINGER} 0). */
    record ResetAfter(long bytes, double probability) implements Fault {
        public ResetAfter {
            FaultText.requireAtLeast("reset-after", bytes, 0);
            FaultText.requireProbability(probability);
        }

        @Override
        public Kind kind() {
            return Kind.RESET_AFTER;
        }
    }

    /**
     * {@code stall-after=BYTES}: after exactly this many bytes the server neither reads from nor writes to the
     * connection, until the fault is cleared (then it goes on where it stopped), the idle timeout ends it, or
     * the client closes it.
     */
    record StallAfter(long bytes, double probability) implements Fault {
        public StallAfter {
            FaultText.requireAtLeast("stall-after", bytes, 0);
            FaultText.requireProbability(probability);
        }

        @Override
        public Kind kind() {
            return Kind.STALL_AFTER;
        }
    }

    /**
     * {@code blackhole}: a new connection is accepted by the kernel but never served (nothing read, nothing
     * written, no TLS handshake) until the fault is cleared or the idle timeout ends it; a datagram is not
     * answered.
     */
    record Blackhole(double probability) implements Fault {
        public Blackhole {
            FaultText.requireProbability(probability);
        }

        @Override
        public Kind kind() {
            return Kind.BLACKHOLE;
        }
    }

    /** {@code drop=PERCENT}: UDP only; this share of the replies is not sent. */
    record Drop(double percent, double probability) implements Fault {
        public Drop {
            FaultText.requirePercent("drop", percent);
            FaultText.requireProbability(probability);
        }

        @Override
        public Kind kind() {
            return Kind.DROP;
        }
    }

    /** {@code duplicate=PERCENT}: UDP only; this share of the replies is sent twice. */
    record Duplicate(double percent, double probability) implements Fault {
        public Duplicate {
            FaultText.requirePercent("duplicate", percent);
            FaultText.requireProbability(probability);
        }

        @Override
        public Kind kind() {
            return Kind.DUPLICATE;
        }
    }

    /**
     * {@code reorder=PERCENT}: UDP only; this share of the replies is held and sent right after the next reply
     * that is not held (or after {@link #MAX_HOLD} when none comes).
     */
    record Reorder(double percent, double probability) implements Fault {
        /** A held reply is sent after this long at the latest, so that the last one before a pause is not lost. */
        public static final Duration MAX_HOLD = Duration.ofSeconds(1);

        public Reorder {
            FaultText.requirePercent("reorder", percent);
            FaultText.requireProbability(probability);
        }

        @Override
        public Kind kind() {
            return Kind.REORDER;
        }
    }
}

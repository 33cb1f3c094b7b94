package dev.eco.server.net;

import java.time.Duration;
import java.util.Objects;

/**
 * The timeouts the {@link Sweeper} keeps for every connection; zero turns one off.
 *
 * @param idle  {@code --idle-timeout}: no traffic either way this long ends the connection (a notice, then close)
 * @param write {@code --write-timeout}: a write blocked this long (its client reads nothing) closes it by force
 * @param frame {@code --frame-timeout}: a frame begun and not ended this long ends it (a notice, then close)
 */
public record Timeouts(Duration idle, Duration write, Duration frame) {

    /** No timeout at all: no sweeper runs. */
    public static final Timeouts NONE = new Timeouts(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public Timeouts {
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(frame, "frame");
    }

    /** The shortest timeout that is on, in milliseconds; {@link Long#MAX_VALUE} when none is. */
    long shortestMillis() {
        return Math.min(millis(idle), Math.min(millis(write), millis(frame)));
    }

    private static long millis(Duration timeout) {
        return timeout.isZero() ? Long.MAX_VALUE : timeout.toMillis();
    }
}

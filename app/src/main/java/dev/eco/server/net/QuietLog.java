package dev.eco.server.net;

import java.time.Duration;

/**
 * Decides when a recurring event earns a log line: the first of a run at once, then at most one line per
 * {@code period} with the count of those not logged. A connect flood must not flood the log. One thread.
 */
public final class QuietLog {

    private final long periodNanos;
    private long lastLogged;
    private boolean logged;
    private long suppressed;

    public QuietLog(Duration period) {
        this.periodNanos = period.toNanos();
    }

    /**
     * At {@code now} ({@link System#nanoTime()}): -1 when this event should not be logged; else the number
     * of events not logged since the last line (0 for the first).
     */
    public long tryLog(long now) {
        if (logged && now - lastLogged < periodNanos) {
            suppressed++;
            return -1;
        }
        logged = true;
        lastLogged = now;
        long skipped = suppressed;
        suppressed = 0;
        return skipped;
    }
}

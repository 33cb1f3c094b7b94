package dev.eco.server.session;

/** A token bucket: {@code ratePerSecond} tokens a second, at most {@code burst} saved up. Not thread-safe. */
public final class TokenBucket {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    public TokenBucket(int ratePerSecond, int burst, long now) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes one token if there is one; {@code now} is {@link System#nanoTime()}. */
    public boolean tryTake(long now) {
        tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}

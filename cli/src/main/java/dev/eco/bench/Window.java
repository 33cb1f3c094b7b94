package dev.eco.bench;

/**
 * When the load runs, in {@link System#nanoTime()} units: it starts at {@code begin}, replies count from
 * {@code measureFrom} (after the warmup), and sending stops at {@code end}.
 */
record Window(long begin, long measureFrom, long end) {}

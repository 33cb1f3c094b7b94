package dev.eco.server.net;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.function.LongSupplier;

/**
 * Whether this process used at least half of its processors' time since the last look: the signal for the
 * readers' yield. Asked by the sweeper once a sweep (one system call), never on the hot path.
 *
 * <p>A yield before a read pays when other connections are waiting for the carrier: they run while the
 * client answers, and the read then finds its line instead of parking. With the CPU mostly idle there is no
 * one to wait for; the yield only freezes the thread's stack once more, which with 19,000 connections each
 * sending a line every 5 s cost 1.8 KB more resident memory per connection (docs/performance.md).
 */
final class CpuLoad {

    /** The share of the processors' time from which the server counts as busy. */
    static final double BUSY_SHARE = 0.5;

    private final LongSupplier cpuNanos;
    private final int processors;
    private long cpuSeen;
    private long wallSeen;

    /** This process's CPU time, from the JDK (-1 where it does not tell), on all its processors. */
    CpuLoad() {
        this(processCpuNanos(), Runtime.getRuntime().availableProcessors(), System.nanoTime());
    }

    /** {@code cpuNanos}: the CPU time used so far, -1 when unknown; {@code now}: {@link System#nanoTime()}. */
    CpuLoad(LongSupplier cpuNanos, int processors, long now) {
        this.cpuNanos = cpuNanos;
        this.processors = processors;
        this.cpuSeen = cpuNanos.getAsLong();
        this.wallSeen = now;
    }

    private static LongSupplier processCpuNanos() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        return bean instanceof com.sun.management.OperatingSystemMXBean os ? os::getProcessCpuTime : () -> -1;
    }

    /** Whether the process was busy since the last call; false where the JDK does not tell its CPU time. */
    boolean busySinceLastLook(long now) {
        long cpu = cpuNanos.getAsLong();
        long wall = now - wallSeen;
        boolean busy = cpu >= 0 && cpuSeen >= 0 && wall > 0 && cpu - cpuSeen >= BUSY_SHARE * processors * wall;
        cpuSeen = cpu;
        wallSeen = now;
        return busy;
    }
}

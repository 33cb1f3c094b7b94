package dev.eco.server.net;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

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

    private final com.sun.management.OperatingSystemMXBean os;
    private final int processors = Runtime.getRuntime().availableProcessors();
    private long cpuSeen;
    private long wallSeen;

    CpuLoad() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        os = bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
        cpuSeen = cpuNanos();
        wallSeen = System.nanoTime();
    }

    /** Whether the process was busy since the last call; false where the JDK does not tell its CPU time. */
    boolean busySinceLastLook(long now) {
        long cpu = cpuNanos();
        long wall = now - wallSeen;
        boolean busy = cpu >= 0 && cpuSeen >= 0 && wall > 0 && cpu - cpuSeen >= BUSY_SHARE * processors * wall;
        cpuSeen = cpu;
        wallSeen = now;
        return busy;
    }

    private long cpuNanos() {
        return os == null ? -1 : os.getProcessCpuTime();
    }
}

package dev.eco.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** Says before the run, in one sentence, when the connections asked for cannot fit in the open-files limit. */
final class FileLimits {

    /** Descriptors the JVM and the generator need besides one per connection (jars, selectors, pipes). */
    static final int SPARE = 64;

    private FileLimits() {}

    /** The open-files limit of this process, or -1 where it cannot be read. */
    static long max() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount()
                : -1;
    }

    static long open() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getOpenFileDescriptorCount()
                : -1;
    }

    static void check(int connections) {
        long max = max();
        long open = open();
        if (max < 0 || open < 0) {
            return;
        }
        long free = max - open - SPARE;
        if (connections > free) {
            throw new BenchException(String.format(
                    "--connections %,d needs %,d open files, but this process may open only %,d (open-files limit %,d, "
                            + "%,d already open); use fewer connections or split the load over several generators",
                    connections, connections, Math.max(0, free), max, open));
        }
    }

    static BenchException exhausted(int connected) {
        return new BenchException(String.format(
                "ran out of open files after %,d connections (open-files limit %,d); use fewer connections",
                connected, max()));
    }
}

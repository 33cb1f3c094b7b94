package dev.eco.bench;

import java.util.Locale;

/** The result as a few lines for people, or as one JSON line for scripts. */
public final class Summary {

    private Summary() {}

    public static String text(Result r) {
        BenchConfig c = r.config();
        String loop = c.openLoop()
                ? String.format("open loop at %,d msg/s", c.rate())
                : "closed loop, pipeline " + c.pipeline();
        return String.format(
                Locale.ROOT,
                """
                eco bench %s %s: %s%s, %d-byte messages, %s, %.1f s measured after %.1f s warmup
                  throughput  %,.0f msg/s  %.2f MB/s  (%,d replies)
                  latency     p50 %s  p90 %s  p99 %s  p99.9 %s  max %s
                  errors      %,d  (mismatch %,d, timeout %,d, disconnect %,d, connect %,d)
                  connections %,d connected, %,d open at the end
                  generator   %.0f%% of a core, %.2f µs CPU per reply (%s)
                """,
                c.mode().name().toLowerCase(Locale.ROOT),
                dev.eco.client.Endpoints.describe(c.host(), c.port()),
                count(c.connections(), "connection"),
                r.sourceAddresses() > 1 ? " over " + r.sourceAddresses() + " source addresses" : "",
                c.size(),
                loop,
                r.seconds(),
                c.warmup().toMillis() / 1000.0,
                r.messagesPerSecond(),
                r.megabytesPerSecond(),
                r.messages(),
                micros(r.latencyMicros(50)),
                micros(r.latencyMicros(90)),
                micros(r.latencyMicros(99)),
                micros(r.latencyMicros(99.9)),
                micros(r.maxLatencyMicros()),
                r.errors(),
                r.mismatches(),
                r.timeouts(),
                r.disconnects(),
                r.connectFailures(),
                r.connected(),
                r.openAtEnd(),
                r.generatorCpuPercent(),
                r.generatorMicrosPerMessage(),
                Math.min(c.threads(), c.connections()) == 1
                        ? "1 thread"
                        : Math.min(c.threads(), c.connections()) + " threads");
    }

    public static String json(Result r) {
        BenchConfig c = r.config();
        return String.format(
                Locale.ROOT,
                "{\"mode\":\"%s\",\"target\":\"%s:%d\",\"connections\":%d,\"size\":%d,\"pipeline\":%d,\"rate\":%d,"
                        + "\"seconds\":%.3f,\"warmup_seconds\":%.3f,\"messages\":%d,\"msgs_per_s\":%.1f,\"mb_per_s\":%.3f,"
                        + "\"latency_us\":{\"p50\":%.1f,\"p90\":%.1f,\"p99\":%.1f,\"p999\":%.1f,\"max\":%.1f},"
                        + "\"errors\":%d,\"mismatches\":%d,\"timeouts\":%d,\"disconnects\":%d,\"connect_failures\":%d,"
                        + "\"connected\":%d,\"open_at_end\":%d,\"source_addresses\":%d,"
                        + "\"generator_cpu_percent\":%.1f,\"generator_cpu_us_per_msg\":%.2f}",
                c.mode().name().toLowerCase(Locale.ROOT),
                c.host().replace("\"", ""),
                c.port(),
                c.connections(),
                c.size(),
                c.pipeline(),
                c.rate(),
                r.seconds(),
                c.warmup().toMillis() / 1000.0,
                r.messages(),
                r.messagesPerSecond(),
                r.megabytesPerSecond(),
                r.latencyMicros(50),
                r.latencyMicros(90),
                r.latencyMicros(99),
                r.latencyMicros(99.9),
                r.maxLatencyMicros(),
                r.errors(),
                r.mismatches(),
                r.timeouts(),
                r.disconnects(),
                r.connectFailures(),
                r.connected(),
                r.openAtEnd(),
                r.sourceAddresses(),
                r.generatorCpuPercent(),
                r.generatorMicrosPerMessage());
    }

    /** {@code 1 connection}, {@code 50 connections}. */
    public static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
    }

    private static String micros(double us) {
        return us >= 10_000
                ? String.format(Locale.ROOT, "%.1f ms", us / 1000)
                : String.format(Locale.ROOT, "%.0f µs", us);
    }
}

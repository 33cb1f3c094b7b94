package dev.eco.bench;

import java.time.Duration;

/**
 * One load run, validated on construction.
 *
 * @param mode        what to speak
 * @param host        the server's host name or address
 * @param port        the server's port
 * @param connections connections (TCP) or sockets (UDP) the load is spread over
 * @param duration    how long the measured part lasts
 * @param warmup      load before the measured part, not counted
 * @param size        bytes of each message, the LF included for {@link Mode#TCP}
 * @param pipeline    messages in flight per connection in the closed loop
 * @param rate        total messages per second in the open loop; 0 for the closed loop
 * @param timeout     a reply later than this is an error (and closes a TCP connection)
 * @param threads     selector threads of the generator
 */
public record BenchConfig(
        Mode mode,
        String host,
        int port,
        int connections,
        Duration duration,
        Duration warmup,
        int size,
        int pipeline,
        long rate,
        Duration timeout,
        int threads) {

    /** Largest message: a UDP datagram's payload limit, and ample for line echo. */
    public static final int MAX_SIZE = 65_507;

    public BenchConfig {
        require(port >= 1 && port <= 65_535, "the port must be 1 to 65535, not " + port);
        require(connections >= 1, "--connections must be at least 1");
        require(!duration.isNegative() && !duration.isZero(), "--duration must be longer than 0");
        require(!warmup.isNegative(), "--warmup must not be negative");
        int min = mode.lineEnded() ? 2 : 1;
        require(size >= min && size <= MAX_SIZE, "--size must be " + min + " to " + MAX_SIZE + " bytes");
        require(pipeline >= 1 && pipeline <= 4096, "--pipeline must be 1 to 4096");
        require(rate >= 0, "--rate must not be negative");
        require(!timeout.isNegative() && !timeout.isZero(), "--timeout must be longer than 0");
        require(threads >= 1 && threads <= 64, "--threads must be 1 to 64");
    }

    /** Defaults for everything but the target: one connection, 10 s after a 2 s warmup, 64-byte messages. */
    public static BenchConfig of(Mode mode, String host, int port) {
        return new BenchConfig(
                mode,
                host,
                port,
                1,
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                64,
                1,
                0,
                Duration.ofSeconds(5),
                Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public boolean openLoop() {
        return rate > 0;
    }

    public BenchConfig withConnections(int n) {
        return new BenchConfig(mode, host, port, n, duration, warmup, size, pipeline, rate, timeout, threads);
    }

    public BenchConfig withTimes(Duration duration, Duration warmup) {
        return new BenchConfig(mode, host, port, connections, duration, warmup, size, pipeline, rate, timeout, threads);
    }

    private static void require(boolean ok, String sentence) {
        if (!ok) {
            throw new IllegalArgumentException(sentence);
        }
    }
}

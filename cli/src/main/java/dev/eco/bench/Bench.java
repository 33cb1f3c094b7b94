package dev.eco.bench;

import dev.eco.client.Endpoints;
import dev.eco.client.TlsClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The load generator: connects every connection first, then loads them all for the warmup and the measured
 * part, and returns what it measured. Connections are spread over {@link BenchConfig#threads()} selector
 * threads (connection {@code i} on thread {@code i % threads}).
 */
public final class Bench {

    /** With TLS, the bytes a connection may have in flight ({@code --pipeline} times {@code --size}) at most. */
    public static final int TLS_MAX_IN_FLIGHT_BYTES = TlsRun.MAX_IN_FLIGHT_BYTES;

    private Bench() {}

    /**
     * Runs a load and returns its result.
     *
     * @param progress where to print a progress line each second, or null for none
     * @throws BenchException when the run cannot start: unknown host, nothing connected, too few open files
     */
    public static Result run(BenchConfig config, PrintStream progress) {
        return run(config, null, progress);
    }

    /**
     * The same over TLS when {@code tls} is not null: closed loop, line echo ({@link Mode#TCP}) only, each
     * connection a blocking TLS socket on a virtual thread ({@link TlsRun}).
     */
    public static Result run(BenchConfig config, TlsClient tls, PrintStream progress) {
        return run(config, tls, progress, Bench::worker);
    }

    /** Makes the worker of one selector thread; a seam for tests, where opening a selector fails. */
    @FunctionalInterface
    interface Workers {
        Worker open(
                BenchConfig config,
                InetSocketAddress target,
                SourceAddresses sources,
                List<BenchConnection> mine,
                CountDownLatch connected,
                CompletableFuture<Window> go);
    }

    static Result run(BenchConfig config, TlsClient tls, PrintStream progress, Workers workerOf) {
        InetAddress address;
        try {
            address = InetAddress.getByName(config.host());
        } catch (UnknownHostException e) {
            throw new BenchException("unknown host " + config.host());
        }
        FileLimits.check(config.connections());
        InetSocketAddress target = new InetSocketAddress(address, config.port());
        SourceAddresses sources = SourceAddresses.forTarget(address, config.connections());
        if (tls != null) {
            return TlsRun.run(config, tls, target, sources, progress);
        }
        int threads = Math.min(config.threads(), config.connections());

        CountDownLatch connected = new CountDownLatch(threads);
        CompletableFuture<Window> go = new CompletableFuture<>();
        // Every worker (each opens a selector) before any thread starts: a started one would wait for the go
        // for ever if a later one could not be made.
        List<Worker> workers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                List<BenchConnection> mine = new ArrayList<>();
                for (int i = t; i < config.connections(); i += threads) {
                    mine.add(new BenchConnection(i, config.pipeline()));
                }
                workers.add(workerOf.open(config, target, sources, mine, connected, go));
            }
        } catch (RuntimeException e) {
            workers.forEach(Worker::closeUnstarted);
            throw e;
        }
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(Thread.ofPlatform().name("eco-bench-" + t).start(workers.get(t)));
        }
        try {
            connected.await();
            RuntimeException fatal = firstFatal(workers);
            int open = workers.stream().mapToInt(w -> w.recorder.connected).sum();
            if (fatal == null && open == 0) {
                fatal = new BenchException(
                        "cannot connect to " + Endpoints.describe(config.host(), config.port()) + ": "
                                + workers.stream()
                                        .map(w -> w.firstConnectFailure)
                                        .filter(m -> m != null)
                                        .findFirst()
                                        .map(m -> m.toLowerCase(Locale.ROOT))
                                        .orElse("no reason given"));
            }
            if (fatal != null) {
                go.completeExceptionally(new CancellationException());
                joinAll(running);
                throw fatal;
            }
            long begin = System.nanoTime();
            long measureFrom = begin + config.warmup().toNanos();
            go.complete(new Window(
                    begin, measureFrom, measureFrom + config.duration().toNanos()));
            List<Recorder> recorders = workers.stream().map(w -> w.recorder).toList();
            double cpu;
            if (progress != null) {
                try (Progress p = new Progress(progress, recorders, config.size())) {
                    p.start();
                    cpu = measureCpu(measureFrom, running);
                }
            } else {
                cpu = measureCpu(measureFrom, running);
            }
            fatal = firstFatal(workers);
            if (fatal != null) {
                throw fatal;
            }
            return Result.merge(
                    config, config.duration().toNanos() / 1e9, recorders, sources.count(config.connections()), cpu);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            go.completeExceptionally(new CancellationException());
            throw new BenchException("interrupted");
        }
    }

    /** Waits for the workers; returns the CPU seconds this process used from {@code measureFrom} on. */
    static double measureCpu(long measureFrom, List<Thread> running) throws InterruptedException {
        long wait = measureFrom - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        long cpu0 = cpuNanos();
        joinAll(running);
        long cpu1 = cpuNanos();
        return cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e9;
    }

    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    private static Worker worker(
            BenchConfig config,
            InetSocketAddress target,
            SourceAddresses sources,
            List<BenchConnection> mine,
            CountDownLatch connected,
            CompletableFuture<Window> go) {
        try {
            return config.mode().datagrams()
                    ? new DatagramWorker(config, target, sources, mine, connected, go)
                    : new StreamWorker(config, target, sources, mine, connected, go);
        } catch (IOException e) {
            throw new BenchException("could not open a selector: " + e.getMessage(), e);
        }
    }

    private static RuntimeException firstFatal(List<Worker> workers) {
        for (Worker w : workers) {
            RuntimeException f = w.fatal;
            if (f != null
                    && !(f instanceof CancellationException)
                    && !(f.getCause() instanceof CancellationException)) {
                return f;
            }
        }
        return null;
    }

    static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }
}

package dev.eco.bench;

import dev.eco.client.Endpoints;
import dev.eco.client.TlsClient;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code eco bench tcp --tls}: the closed loop over TLS. The selector workers speak plain channels, and TLS
 * over a selector means an {@code SSLEngine} state machine; here each connection is instead a blocking
 * {@code SSLSocket} on its own virtual thread, which the JDK's TLS handles as is. Each writes its pipeline of
 * messages, then for every reply that came whole and right sends one more. A wrong byte ends that
 * connection (counted as a mismatch); a reply later than {@code --timeout} ends it too (a timeout). The
 * connections share {@link BenchConfig#threads()} recorders, one lock each.
 */
final class TlsRun {

    /** Bytes a connection may have in flight: it writes and reads on one thread, so both directions must fit the socket buffers. */
    static final int MAX_IN_FLIGHT_BYTES = 65_536;

    private TlsRun() {}

    /** {@code target} resolved and {@code sources} chosen by {@link Bench}, the open-files limit checked. */
    static Result run(
            BenchConfig config,
            TlsClient tls,
            InetSocketAddress target,
            SourceAddresses sources,
            PrintStream progress) {
        int lanes = Math.min(config.threads(), config.connections());
        List<Lane> recorders = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            recorders.add(new Lane());
        }
        CountDownLatch connected = new CountDownLatch(config.connections());
        CompletableFuture<Window> go = new CompletableFuture<>();
        List<Thread> running = new ArrayList<>();
        List<TlsLoop> loops = new ArrayList<>();
        for (int i = 0; i < config.connections(); i++) {
            TlsLoop loop = new TlsLoop(
                    config, tls, target, sources.forConnection(i), i, recorders.get(i % lanes), connected, go);
            loops.add(loop);
            running.add(Thread.ofVirtual().name("eco-bench-tls-" + i).start(loop));
        }
        try {
            connected.await();
            int open = recorders.stream().mapToInt(l -> l.recorder.connected).sum();
            if (open == 0) {
                go.completeExceptionally(new CancellationException());
                Bench.joinAll(running);
                throw new BenchException("cannot connect to " + Endpoints.describe(config.host(), config.port()) + ": "
                        + loops.stream()
                                .map(l -> l.failure)
                                .filter(m -> m != null)
                                .findFirst()
                                .map(m -> m.toLowerCase(Locale.ROOT))
                                .orElse("no reason given"));
            }
            long begin = System.nanoTime();
            long measureFrom = begin + config.warmup().toNanos();
            go.complete(new Window(
                    begin, measureFrom, measureFrom + config.duration().toNanos()));
            List<Recorder> all = recorders.stream().map(l -> l.recorder).toList();
            double cpu;
            if (progress != null) {
                try (Progress p = new Progress(progress, all, config.size())) {
                    p.start();
                    cpu = Bench.measureCpu(measureFrom, running);
                }
            } else {
                cpu = Bench.measureCpu(measureFrom, running);
            }
            return Result.merge(
                    config, config.duration().toNanos() / 1e9, all, sources.count(config.connections()), cpu);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            go.completeExceptionally(new CancellationException());
            throw new BenchException("interrupted");
        }
    }

    /** One recorder shared by some connections, and how many of them are open; guarded by itself. */
    static final class Lane {
        final Recorder recorder = new Recorder();
        final AtomicInteger open = new AtomicInteger();
    }
}

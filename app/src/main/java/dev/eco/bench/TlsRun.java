package dev.eco.bench;

import dev.eco.client.Endpoints;
import dev.eco.client.TlsClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
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

    static Result run(BenchConfig config, TlsClient tls, PrintStream progress) {
        InetAddress address;
        try {
            address = InetAddress.getByName(config.host());
        } catch (UnknownHostException e) {
            throw new BenchException("unknown host " + config.host());
        }
        FileLimits.check(config.connections());
        InetSocketAddress target = new InetSocketAddress(address, config.port());
        SourceAddresses sources = SourceAddresses.forTarget(address, config.connections());
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
            TlsLoop loop = new TlsLoop(config, tls, target, sources.forConnection(i), i, recorders.get(i % lanes), connected, go);
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
                        + loops.stream().map(l -> l.failure).filter(m -> m != null).findFirst()
                                .map(m -> m.toLowerCase(Locale.ROOT)).orElse("no reason given"));
            }
            long begin = System.nanoTime();
            long measureFrom = begin + config.warmup().toNanos();
            go.complete(new Window(begin, measureFrom, measureFrom + config.duration().toNanos()));
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
            return Result.merge(config, config.duration().toNanos() / 1e9, all, sources.count(config.connections()), cpu);
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

    /** One connection's whole life, on its virtual thread. */
    private static final class TlsLoop implements Runnable {
        private final BenchConfig config;
        private final TlsClient tls;
        private final InetSocketAddress target;
        private final InetSocketAddress source;
        private final Lane lane;
        private final CountDownLatch connected;
        private final CompletableFuture<Window> go;
        private final Payload payload;
        private final Connection c;
        private final byte[] id = new byte[Payload.ID_CHARS];
        private final byte[] in;
        private final byte[] out;
        volatile String failure;

        TlsLoop(BenchConfig config, TlsClient tls, InetSocketAddress target, InetSocketAddress source, int n, Lane lane,
                CountDownLatch connected, CompletableFuture<Window> go) {
            this.config = config;
            this.tls = tls;
            this.target = target;
            this.source = source;
            this.lane = lane;
            this.connected = connected;
            this.go = go;
            this.payload = new Payload(config.size(), config.mode().lineEnded());
            this.c = new Connection(n, config.pipeline());
            this.in = new byte[Math.max(16_384, config.size())];
            this.out = new byte[config.size() * config.pipeline()];
        }

        @Override
        public void run() {
            Socket socket;
            try {
                socket = open();
            } catch (IOException e) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                synchronized (lane) {
                    lane.recorder.connectFailures++;
                }
                connected.countDown();
                return;
            }
            synchronized (lane) {
                lane.recorder.connected++;
            }
            lane.open.incrementAndGet();
            connected.countDown();
            boolean open = false;
            try (socket) {
                Window window;
                try {
                    window = go.join();
                } catch (CancellationException | java.util.concurrent.CompletionException e) {
                    return;
                }
                open = load(socket, window);
            } catch (IOException e) {
                // closed at the end of the run
            } finally {
                if (!open) {
                    lane.open.decrementAndGet();
                }
                synchronized (lane) {
                    lane.recorder.sent += c.next;
                    if (open) {
                        lane.recorder.openAtEnd++;
                    }
                    lane.recorder.publish(lane.open.get());
                }
            }
        }

        private Socket open() throws IOException {
            Socket tcp = new Socket();
            try {
                tcp.setTcpNoDelay(true);
                if (source != null) {
                    tcp.setReuseAddress(true);
                    tcp.bind(source);
                }
                tcp.connect(target, (int) Math.max(1, config.timeout().toMillis()));
            } catch (IOException e) {
                tcp.close();
                throw e;
            }
            return tls.handshake(tcp, config.host(), config.port(), config.timeout());
        }

        /** The closed loop until the window ends; true when the connection was still good at the end. */
        private boolean load(Socket socket, Window window) throws IOException {
            socket.setSoTimeout((int) Math.max(1, config.timeout().toMillis()));
            InputStream input = socket.getInputStream();
            OutputStream output = socket.getOutputStream();
            send(output, config.pipeline(), System.nanoTime());
            while (System.nanoTime() < window.end()) {
                int n;
                try {
                    n = input.read(in);
                } catch (SocketTimeoutException e) {
                    count(r -> r.timeouts++);
                    return false;
                } catch (IOException e) {
                    n = -1;
                }
                long now = System.nanoTime();
                if (n < 0) {
                    count(r -> r.disconnects++);
                    return false;
                }
                int answered = check(n, now, window);
                if (answered < 0) {
                    count(r -> r.mismatches++);
                    return false;
                }
                try {
                    send(output, answered, now);
                } catch (IOException e) {
                    count(r -> r.disconnects++);
                    return false;
                }
            }
            return true;
        }

        /** Checks {@code in[0..n)} against what was sent; the replies it completed, or -1 at a wrong byte. */
        private int check(int n, long now, Window window) {
            int size = payload.size();
            int answered = 0;
            boolean measured = now >= window.measureFrom();
            synchronized (lane) {
                for (int i = 0; i < n; ) {
                    if (c.inFlight() == 0) {
                        return -1; // bytes nobody asked for
                    }
                    if (c.offset == 0) {
                        payload.id(c.id, c.oldest, id);
                    }
                    int take = Math.min(n - i, size - c.offset);
                    for (int k = 0; k < take; k++) {
                        if (in[i + k] != payload.expected(id, c.offset + k)) {
                            return -1;
                        }
                    }
                    i += take;
                    c.offset += take;
                    if (c.offset == size) {
                        lane.recorder.reply(now - c.sentAt(c.oldest), size, measured);
                        c.resolveOldest();
                        answered++;
                    }
                }
                lane.recorder.publish(lane.open.get());
            }
            return answered;
        }

        private void send(OutputStream output, int count, long time) throws IOException {
            if (count == 0) {
                return;
            }
            int size = payload.size();
            for (int j = 0; j < count; j++) {
                payload.write(out, j * size, c.id, c.sent(time), id);
            }
            output.write(out, 0, count * size);
        }

        private void count(java.util.function.Consumer<Recorder> what) {
            synchronized (lane) {
                what.accept(lane.recorder);
            }
        }
    }
}

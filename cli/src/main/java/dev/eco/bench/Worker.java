package dev.eco.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * One platform thread with one selector driving its share of the connections: it connects them, then keeps
 * {@code pipeline} messages in flight on each (closed loop) or sends at its share of the rate (open loop),
 * checks every reply and records it. Subclasses speak TCP or UDP.
 */
abstract class Worker implements Runnable {

    /** How often in-flight messages are checked against the timeout and progress is published. */
    static final long SWEEP_NANOS = 100_000_000L;
    /** Connects in progress at once per worker, so a burst does not overflow the server's accept backlog. */
    static final int CONNECTS_IN_FLIGHT = 256;
    /** Most sends in one pass of the open loop, so a generator that falls behind still reads replies. */
    static final int MAX_SENDS_PER_PASS = 4096;

    final BenchConfig config;
    final Payload payload;
    final InetSocketAddress target;
    final SourceAddresses sources;
    final List<Connection> connections;
    final Recorder recorder = new Recorder();
    final byte[] id = new byte[Payload.ID_CHARS];
    final byte[] inBytes;
    final ByteBuffer in;
    final byte[] outBytes;
    final ByteBuffer out;
    final Selector selector;
    private final CountDownLatch connected;
    private final CompletableFuture<Window> go;
    private final Consumer<SelectionKey> onSelected = this::selected;

    volatile RuntimeException fatal;
    volatile String firstConnectFailure;
    Window window;
    private final double interval;
    private long sentOnSchedule;
    private int roundRobin;

    Worker(BenchConfig config, InetSocketAddress target, SourceAddresses sources, List<Connection> connections,
            CountDownLatch connected, CompletableFuture<Window> go) throws IOException {
        this.config = config;
        this.payload = new Payload(config.size(), config.mode().lineEnded());
        this.target = target;
        this.sources = sources;
        this.connections = connections;
        this.connected = connected;
        this.go = go;
        int buffer = Math.max(65_536, config.size());
        this.inBytes = new byte[buffer];
        this.in = ByteBuffer.allocateDirect(buffer);
        this.outBytes = new byte[Math.max(65_536, config.size() * Math.min(config.pipeline(), 64))];
        this.out = ByteBuffer.allocateDirect(outBytes.length);
        this.selector = Selector.open();
        this.interval = config.openLoop()
                ? 1e9 * config.connections() / ((double) config.rate() * connections.size()) : 0;
    }

    /** Starts opening {@code c}; returns true if the connect is still in progress. */
    abstract boolean startConnect(Connection c) throws IOException;

    /** Handles a ready key of an open connection. */
    abstract void ready(Connection c, SelectionKey key, long now);

    /** Sends {@code count} messages on {@code c}, stamped with {@code time}. */
    abstract void send(Connection c, int count, long time);

    /** The oldest message on {@code c} is later than the timeout. */
    abstract void timedOut(Connection c, long now);

    @Override
    public final void run() {
        try (selector) {
            try {
                connectAll();
            } finally {
                connected.countDown();
            }
            window = go.join();
            drive();
        } catch (RuntimeException e) {
            if (fatal == null) {
                fatal = e;
            }
        } catch (IOException e) {
            fatal = new BenchException("the generator's selector failed: " + e.getMessage(), e);
        } finally {
            recorder.openAtEnd = countOpen();
            recorder.sent = connections.stream().mapToLong(c -> c.next).sum();
            connections.forEach(this::close);
            recorder.publish(0);
        }
    }

    /**
     * Opens every connection, at most {@link #CONNECTS_IN_FLIGHT} at a time; each connect has {@code --timeout}
     * to finish, so a slow server makes connects fail one by one instead of leaving some never tried.
     */
    private void connectAll() throws IOException {
        long timeout = config.timeout().toNanos();
        long nextCheck = System.nanoTime() + SWEEP_NANOS;
        int started = 0;
        while (true) {
            while (started < connections.size() && pending() < CONNECTS_IN_FLIGHT) {
                Connection c = connections.get(started++);
                try {
                    c.connectStarted = System.nanoTime();
                    if (startConnect(c)) {
                        c.state = Connection.State.CONNECTING;
                        pendingCount++;
                    } else {
                        opened(c);
                    }
                } catch (IOException e) {
                    connectFailed(c, e);
                }
            }
            if (started == connections.size() && pending() == 0) {
                break;
            }
            selector.select(onSelected, 100);
            long now = System.nanoTime();
            if (now >= nextCheck) {
                for (Connection c : connections) {
                    if (c.state == Connection.State.CONNECTING && now - c.connectStarted > timeout) {
                        connectFailed(c, new IOException("connect timed out after " + config.timeout().toMillis() + " ms"));
                    }
                }
                recorder.publish(countOpen());
                nextCheck = now + SWEEP_NANOS;
            }
        }
        recorder.publish(countOpen());
    }

    private int pendingCount;

    private int pending() {
        return pendingCount;
    }

    void opened(Connection c) {
        if (c.state == Connection.State.CONNECTING) {
            pendingCount--;
        }
        c.state = Connection.State.OPEN;
        recorder.connected++;
    }

    void connectFailed(Connection c, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("Too many open files")) {
            throw FileLimits.exhausted(recorder.connected);
        }
        if (c.state == Connection.State.CONNECTING) {
            pendingCount--;
        }
        recorder.connectFailures++;
        if (firstConnectFailure == null) {
            firstConnectFailure = message;
        }
        close(c);
    }

    private void selected(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        if (key.isValid()) {
            ready(c, key, System.nanoTime());
        }
    }

    private void drive() throws IOException {
        long now = System.nanoTime();
        if (!config.openLoop()) {
            for (Connection c : connections) {
                if (c.state == Connection.State.OPEN) {
                    send(c, config.pipeline(), now);
                }
            }
        }
        long nextSweep = now + SWEEP_NANOS;
        while (true) {
            now = System.nanoTime();
            if (now >= window.end()) {
                return;
            }
            long until = Math.min(nextSweep, window.end());
            if (config.openLoop()) {
                sendDue(now);
                until = Math.min(until, nextDue());
            }
            long waitNanos = until - System.nanoTime();
            if (waitNanos <= 0) {
                selector.selectNow(onSelected);
            } else {
                // Selectors wait in whole milliseconds: the open loop therefore sends in 1 ms bursts, and
                // a send that is late because of it is charged to the latency (measured from the intended time).
                selector.select(onSelected, Math.max(1, (waitNanos + 999_999) / 1_000_000));
            }
            now = System.nanoTime();
            if (now >= nextSweep) {
                sweep(now);
                recorder.publish(countOpen());
                nextSweep = now + SWEEP_NANOS;
            }
        }
    }

    private long nextDue() {
        return window.begin() + (long) (sentOnSchedule * interval);
    }

    private void sendDue(long now) {
        int n = connections.size();
        for (int sends = 0; sends < MAX_SENDS_PER_PASS; sends++) {
            long due = nextDue();
            if (due > now) {
                return;
            }
            sentOnSchedule++;
            for (int tries = 0; tries < n; tries++) {
                Connection c = connections.get(roundRobin++ % n);
                if (roundRobin == n) {
                    roundRobin = 0;
                }
                if (c.state == Connection.State.OPEN) {
                    send(c, 1, due);
                    break;
                }
            }
        }
    }

    private void sweep(long now) {
        long timeout = config.timeout().toNanos();
        for (Connection c : connections) {
            if (c.state == Connection.State.OPEN && c.inFlight() > 0 && now - c.sentAt(c.oldest) > timeout) {
                timedOut(c, now);
            }
        }
    }

    boolean measured(long now) {
        return now >= window.measureFrom();
    }

    private int countOpen() {
        int open = 0;
        for (Connection c : connections) {
            if (c.state == Connection.State.OPEN) {
                open++;
            }
        }
        return open;
    }

    void close(Connection c) {
        c.state = Connection.State.CLOSED;
        if (c.channel != null) {
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing is best effort; the run is over for this connection either way
            }
        }
    }
}

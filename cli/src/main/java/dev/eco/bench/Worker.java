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

    final BenchConfig config;
    final Payload payload;
    final InetSocketAddress target;
    final SourceAddresses sources;
    final List<BenchConnection> connections;
    final Recorder recorder = new Recorder();
    final byte[] id = new byte[Payload.ID_CHARS];
    final byte[] inBytes;
    final ByteBuffer in;
    final byte[] outBytes;
    final ByteBuffer out;
    final Selector selector;
    private final CountDownLatch connected;
    private final CompletableFuture<Window> go;
    final Consumer<SelectionKey> onSelected = this::selected;
    final ConnectPhase connects = new ConnectPhase(this);
    private final OpenLoop.Sender sendOne = (c, due) -> send(c, 1, due);

    volatile RuntimeException fatal;
    volatile String firstConnectFailure;
    Window window;
    private final OpenLoop openLoop;

    Worker(
            BenchConfig config,
            InetSocketAddress target,
            SourceAddresses sources,
            List<BenchConnection> connections,
            CountDownLatch connected,
            CompletableFuture<Window> go)
            throws IOException {
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
        this.openLoop = config.openLoop() ? new OpenLoop(config, connections.size()) : null;
    }

    /** Closes the selector of a worker that will never run. */
    final void closeUnstarted() {
        try {
            selector.close();
        } catch (IOException e) {
            // nothing was open on it
        }
    }

    /** Starts opening {@code c}; returns true if the connect is still in progress. */
    abstract boolean startConnect(BenchConnection c) throws IOException;

    /** Handles a ready key of an open connection. */
    abstract void ready(BenchConnection c, SelectionKey key, long now);

    /** Sends {@code count} messages on {@code c}, stamped with {@code time}. */
    abstract void send(BenchConnection c, int count, long time);

    /** The oldest message on {@code c} is later than the timeout. */
    abstract void timedOut(BenchConnection c, long now);

    @Override
    public final void run() {
        try (selector) {
            try {
                connects.run();
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

    private void selected(SelectionKey key) {
        BenchConnection c = (BenchConnection) key.attachment();
        if (key.isValid()) {
            ready(c, key, System.nanoTime());
        }
    }

    private void drive() throws IOException {
        long now = System.nanoTime();
        if (!config.openLoop()) {
            for (BenchConnection c : connections) {
                if (c.state == BenchConnection.State.OPEN) {
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
            if (openLoop != null) {
                openLoop.sendDue(window.begin(), now, connections, sendOne);
                until = Math.min(until, openLoop.nextDue(window.begin()));
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

    private void sweep(long now) {
        long timeout = config.timeout().toNanos();
        for (BenchConnection c : connections) {
            if (c.state == BenchConnection.State.OPEN && c.inFlight() > 0 && now - c.sentAt(c.oldest) > timeout) {
                timedOut(c, now);
            }
        }
    }

    boolean measured(long now) {
        return now >= window.measureFrom();
    }

    int countOpen() {
        int open = 0;
        for (BenchConnection c : connections) {
            if (c.state == BenchConnection.State.OPEN) {
                open++;
            }
        }
        return open;
    }

    void close(BenchConnection c) {
        c.state = BenchConnection.State.CLOSED;
        if (c.channel != null) {
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing is best effort; the run is over for this connection either way
            }
        }
    }
}

package dev.eco.server.session;

import dev.eco.server.ServerMetrics;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.net.Connection;
import dev.eco.server.testing.Taps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** A connection without a socket: reads are given up front, one array per read; writes are kept. */
final class FakeConnection implements Connection {

    private final Deque<byte[]> reads = new ArrayDeque<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final AtomicReference<Close> endedBy = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Counted down when a write begins. */
    final CountDownLatch writing = new CountDownLatch(1);
    /** Writes wait for this, once {@link #stallWrites()} made one: as a client that does not read. */
    private volatile CountDownLatch release;

    /** From now on every write blocks until {@link #releaseWrites()}. */
    FakeConnection stallWrites() {
        release = new CountDownLatch(1);
        return this;
    }

    void releaseWrites() {
        release.countDown();
    }

    private Taps.Now taps = Taps.Now.NOTHING;

    /** Queues one read of these lines, each ended by LF. */
    FakeConnection read(String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        reads.add(text.toString().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    @Override
    public String name() {
        return "127.0.0.1:1";
    }

    @Override
    public ServerMetrics.ListenerKind listener() {
        return ServerMetrics.ListenerKind.TCP;
    }

    @Override
    public ServerMetrics metrics() {
        return ServerMetrics.NONE;
    }

    @Override
    public long id() {
        return 1;
    }

    @Override
    public InetSocketAddress remote() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
    }

    @Override
    public Taps.Now taps() {
        return taps;
    }

    /** Switches test controls on, as a server's would be at the next read. */
    FakeConnection taps(Taps.Now value) {
        taps = value;
        return this;
    }

    @Override
    public int read(byte[] buf) throws IOException {
        if (closed.get()) {
            throw new IOException("Socket closed"); // as a real socket closed by force
        }
        byte[] next = reads.poll();
        if (next == null) {
            return -1;
        }
        if (next.length > buf.length) {
            reads.addFirst(java.util.Arrays.copyOfRange(next, buf.length, next.length));
            next = java.util.Arrays.copyOf(next, buf.length);
        }
        System.arraycopy(next, 0, buf, 0, next.length);
        return next.length;
    }

    @Override
    public Close inputEnd() {
        return Close.PEER;
    }

    @Override
    public void frameProgress(long framesCompleted, boolean inFrame) {}

    @Override
    public void write(byte[] bytes, int off, int len, int frames, boolean answersRead) throws IOException {
        writing.countDown();
        CountDownLatch stalled = release;
        if (stalled != null) {
            try {
                stalled.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }
        synchronized (written) {
            written.write(bytes, off, len);
        }
    }

    @Override
    public boolean endedBy(Close reason) {
        return endedBy.compareAndSet(null, reason);
    }

    Close endedBy() {
        return endedBy.get();
    }

    @Override
    public void forceClose() {
        closed.set(true);
    }

    boolean isClosed() {
        return closed.get();
    }

    String written() {
        synchronized (written) {
            return written.toString(StandardCharsets.UTF_8);
        }
    }
}

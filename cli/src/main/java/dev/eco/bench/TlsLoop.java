package dev.eco.bench;

import dev.eco.client.TlsClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * One connection of {@code eco bench tcp --tls}, its whole life on its virtual thread: connect and
 * handshake, wait for the start, then the closed loop until the window ends ({@link TlsRun}).
 */
final class TlsLoop implements Runnable {
    private final BenchConfig config;
    private final TlsClient tls;
    private final InetSocketAddress target;
    private final InetSocketAddress source;
    private final TlsRun.Lane lane;
    private final CountDownLatch connected;
    private final CompletableFuture<Window> go;
    private final Payload payload;
    private final BenchConnection c;
    private final byte[] id = new byte[Payload.ID_CHARS];
    private final byte[] in;
    private final byte[] out;
    volatile String failure;

    TlsLoop(
            BenchConfig config,
            TlsClient tls,
            InetSocketAddress target,
            InetSocketAddress source,
            int n,
            TlsRun.Lane lane,
            CountDownLatch connected,
            CompletableFuture<Window> go) {
        this.config = config;
        this.tls = tls;
        this.target = target;
        this.source = source;
        this.lane = lane;
        this.connected = connected;
        this.go = go;
        this.payload = new Payload(config.size(), config.mode().lineEnded());
        this.c = new BenchConnection(n, config.pipeline());
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
            } catch (CancellationException | CompletionException e) {
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

    private void count(Consumer<Recorder> what) {
        synchronized (lane) {
            what.accept(lane.recorder);
        }
    }
}

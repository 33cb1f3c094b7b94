package dev.eco.it.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that writes numbered frames ({@link #frame(long)}) as fast as it can on its own thread and reads
 * nothing, until told to stop: soon the server is blocked writing replies to it, with more frames waiting
 * unread in its receive buffer.
 */
public final class Flood {

    /** Frames per write call; only frames of completed writes count as sent. */
    private static final int FRAMES_PER_WRITE = 256;

    private static final long MAX_FRAMES = 10_000_000;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread writer;

    private Flood(TestClient client, String name) {
        this.writer = Thread.ofPlatform().name(name).daemon(true).start(() -> write(client));
    }

    public static Flood start(TestClient client, String name) {
        return new Flood(client, name);
    }

    /** An unconnected socket with small buffers, so that a flood stalls after little data. */
    public static Socket smallBuffers() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(16 * 1024);
        socket.setSendBufferSize(16 * 1024);
        return socket;
    }

    public static String frame(long i) {
        return "frame %08d".formatted(i);
    }

    /** Frames whose write call completed. */
    public long framesSent() {
        return sent.get();
    }

    /** Stops after the write in progress, if that ever completes. */
    public void stop() {
        stop.set(true);
    }

    public boolean isWriting() {
        return writer.isAlive();
    }

    /** Waits until the count of frames sent has not moved for three polls 100 ms apart: the writer is blocked. */
    public void awaitStalled() {
        long[] last = {-1};
        int[] still = {0};
        await("the flood stalls on full buffers")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    long now = sent.get();
                    still[0] = now == last[0] && now > 0 ? still[0] + 1 : 0;
                    last[0] = now;
                    return still[0] >= 3;
                });
    }

    public void join(Duration within) throws InterruptedException {
        writer.join(within);
    }

    private void write(TestClient client) {
        try {
            long next = 0;
            while (!stop.get() && next < MAX_FRAMES) {
                StringBuilder batch = new StringBuilder(FRAMES_PER_WRITE * 15);
                for (int i = 0; i < FRAMES_PER_WRITE; i++) {
                    batch.append(frame(next + i)).append('\n');
                }
                client.out().write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                next += FRAMES_PER_WRITE;
                sent.set(next);
            }
        } catch (IOException e) {
            // closed by the server or the test
        }
    }
}

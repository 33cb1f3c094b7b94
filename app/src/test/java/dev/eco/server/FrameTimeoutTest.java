package dev.eco.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.server.ServerMetrics.Close;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A frame that has begun must end within {@code --frame-timeout}, however often bytes of it arrive: otherwise a
 * client sending a byte now and then holds its connection for ever, since each byte is traffic.
 */
class FrameTimeoutTest {

    private static final Duration FRAME = Duration.ofMillis(500);

    private static ServerConfig config() {
        // No idle timeout: only the frame timeout can end these connections.
        return ServerConfig.forTests().toBuilder()
                .idleTimeout(Duration.ZERO)
                .frameTimeout(FRAME)
                .build();
    }

    @Test
    void aFrameTrickledAByteAtATimeIsCutOffWithANoticeAndNotAnswered() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        try (EcoServer server = EcoServer.start(config(), metrics);
                Socket client = connect(server);
                Trickle _ = new Trickle(client.getOutputStream(), "/join lob")) {
            BufferedReader in = lines(client);
            String notice = in.readLine();
            assertEquals(
                    "error: frame_timeout: a frame must end (LF) within 500 ms of its first byte; closing", notice);
            assertEquals(null, in.readLine(), "then the end: the part of a frame is neither answered nor joined");
            await().atMost(Duration.ofSeconds(5)).until(() -> metrics.count("closed TCP") == 1);
            assertEquals(1, metrics.count("closed TCP " + Close.FRAME_TIMEOUT));
            assertEquals(1, metrics.count("error TCP FRAME_TIMEOUT"));
            assertEquals(0, server.roomCount());
        }
    }

    @Test
    void aFrameTooLongIsStillAFrameThatMustEnd() throws Exception {
        try (EcoServer server =
                        EcoServer.start(config().toBuilder().maxFrame(16).build());
                Socket client = connect(server);
                Trickle _ = new Trickle(client.getOutputStream(), "x".repeat(64))) {
            // 64 bytes at once: over the 16-byte limit before the timeout, so it runs while the frame is discarded
            BufferedReader in = lines(client);
            assertTrue(in.readLine().startsWith("error: frame_timeout: "));
        }
    }

    @Test
    void framesThatEachEndInTimeKeepTheConnectionOpen() throws Exception {
        try (EcoServer server = EcoServer.start(config());
                Socket client = connect(server)) {
            BufferedReader in = lines(client);
            OutputStream out = client.getOutputStream();
            long started = System.nanoTime();
            // Half a frame after each answer: at every moment a frame is open, but each ends within 500 ms.
            out.write("a".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; Duration.ofNanos(System.nanoTime() - started).compareTo(FRAME.multipliedBy(4)) < 0; i++) {
                out.write(("" + i + "\na").getBytes(StandardCharsets.US_ASCII));
                assertEquals("a" + i, in.readLine());
            }
        }
    }

    private static Socket connect(EcoServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server.tcpAddress(), 5_000);
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static BufferedReader lines(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sends {@code start} at once, then a byte of the same frame every 50 ms, never an LF, until stopped or cut off. */
    private static final class Trickle implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        Trickle(OutputStream out, String start) {
            thread = Thread.ofVirtual().start(() -> {
                try {
                    out.write(start.getBytes(StandardCharsets.US_ASCII));
                    while (!stop.get()) {
                        Thread.sleep(50);
                        out.write('b');
                    }
                } catch (IOException | InterruptedException e) {
                    // cut off by the server, or closed by the test
                }
            });
        }

        @Override
        public void close() {
            stop.set(true);
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

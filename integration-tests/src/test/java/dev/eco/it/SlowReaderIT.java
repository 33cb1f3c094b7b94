package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.TestClient;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A client that never reads blocks only its own connection: everyone else is still answered promptly. */
class SlowReaderIT {

    private static final long FLOOD_BYTES = 20L * 1024 * 1024;

    @Test
    void aClientThatNeverReadsDoesNotSlowDownAnother() throws Exception {
        ServerConfig config = ServerConfig.forTests().toBuilder().shutdownGrace(Duration.ofMillis(500)).build();
        try (EcoServer server = EcoServer.start(config);
                TestClient flooder = TestClient.connect(server.tcpAddress(), smallBuffers());
                TestClient other = TestClient.connect(server.tcpAddress())) {
            AtomicLong flooded = new AtomicLong();
            Thread writer = Thread.ofPlatform().name("flooder").daemon(true).start(() -> flood(flooder, flooded));
            // Wait until the flooder is stuck: the server is blocked writing to it, so it no longer reads it.
            awaitStalled(flooded);

            AtomicInteger roundTrips = new AtomicInteger();
            Thread prompt = Thread.ofPlatform().name("prompt-client").start(() -> {
                try {
                    for (int i = 0; i < 1_000; i++) {
                        assertEquals("ping " + i, other.roundTrip("ping " + i));
                        roundTrips.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(roundTrips::get, n -> n == 1_000);
            prompt.join();
            assertTrue(writer.isAlive() && flooded.get() < FLOOD_BYTES,
                    "the flooder should still be blocked, having written " + flooded.get() + " bytes");
        }
    }

    static Socket smallBuffers() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(16 * 1024);
        socket.setSendBufferSize(16 * 1024);
        return socket;
    }

    static void flood(TestClient client, AtomicLong written) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        for (int i = 127; i < chunk.length; i += 128) {
            chunk[i] = '\n';
        }
        try {
            while (written.get() < FLOOD_BYTES) {
                client.out().write(chunk);
                written.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            // the test closed the socket
        }
    }

    /** Waits until the count stops moving for a few polls: the writer is blocked on full buffers. */
    static void awaitStalled(AtomicLong written) {
        long[] last = {-1};
        int[] still = {0};
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long now = written.get();
            still[0] = now == last[0] && now > 0 ? still[0] + 1 : 0;
            last[0] = now;
            return still[0] >= 3;
        });
        assertTrue(written.get() < FLOOD_BYTES, "all " + FLOOD_BYTES + " bytes went through without the client reading");
    }
}

package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.Flood;
import dev.eco.it.support.TestClient;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A client that never reads blocks only its own connection: everyone else is still answered promptly. */
class SlowReaderIT {

    @Test
    void aClientThatNeverReadsDoesNotSlowDownAnother() throws Exception {
        ServerConfig config = ServerConfig.forTests().toBuilder().shutdownGrace(Duration.ofMillis(500)).build();
        try (EcoServer server = EcoServer.start(config);
                TestClient flooder = TestClient.connect(server.tcpAddress(), Flood.smallBuffers());
                TestClient other = TestClient.connect(server.tcpAddress())) {
            Flood flood = Flood.start(flooder, "flooder");
            // Once the flood is stuck, the server is blocked writing to it and no longer reads it.
            flood.awaitStalled();
            long stuckAt = flood.framesSent();

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
            // It may creep on as kernel buffers grow, but it is still far from done: still blocked.
            assertTrue(flood.isWriting() && flood.framesSent() < stuckAt * 2,
                    "the flooder should still be blocked near " + stuckAt + " frames; it is at " + flood.framesSent());
        }
    }
}

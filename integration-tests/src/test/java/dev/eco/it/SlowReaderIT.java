package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.Flood;
import dev.eco.it.support.TestClient;
import dev.eco.junit.EcoServerExtension;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that never reads blocks only its own connection: everyone else is still answered promptly. */
class SlowReaderIT {

    @RegisterExtension
    final EcoServerExtension eco = new EcoServerExtension(ServerConfig.forTests().toBuilder()
            .shutdownGrace(Duration.ofMillis(500))
            .build());

    @Test
    void aClientThatNeverReadsDoesNotSlowDownAnother(EcoServer server) throws Exception {
        try (TestClient flooder = TestClient.connect(server.tcpAddress(), Flood.smallBuffers());
                TestClient other = TestClient.connect(server.tcpAddress())) {
            Flood flood = Flood.start(flooder, "flooder");
            // Once the flood is stuck, the server is blocked writing to it and no longer reads it.
            flood.awaitStalled();
            long stuckAt = flood.framesSent();

            // The other client's round trips, in this thread: a failure fails the test with its own message,
            // and the whole must finish within 20 s.
            assertTimeoutPreemptively(
                    Duration.ofSeconds(20),
                    () -> {
                        for (int i = 0; i < 1_000; i++) {
                            assertEquals(
                                    "ping " + i,
                                    other.roundTrip("ping " + i),
                                    "round trip " + i + " of the other client");
                        }
                    },
                    "the other client was held back by the one that does not read");
            // It may creep on as kernel buffers grow, but it is still far from done: still blocked.
            assertTrue(
                    flood.isWriting() && flood.framesSent() < stuckAt * 2,
                    "the flooder should still be blocked near " + stuckAt + " frames; it is at " + flood.framesSent());
        }
    }
}

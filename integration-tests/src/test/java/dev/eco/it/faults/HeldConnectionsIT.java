package dev.eco.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.TestClient;
import dev.eco.junit.EcoServerExtension;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connection a fault holds (stalled, blackholed) has no traffic, so the idle timeout ends it, without a
 * notice (nothing can be written to it), and so does a shutdown, without waiting for its grace.
 */
class HeldConnectionsIT {

    private static final Duration IDLE = Duration.ofMillis(500);

    @RegisterExtension
    final EcoServerExtension eco = new EcoServerExtension(
            ServerConfig.forTests().toBuilder().idleTimeout(IDLE).greeting("hi").build());

    @Test
    void theIdleTimeoutEndsAStalledConnectionWithoutANotice() throws IOException {
        eco.server().faults().set("stall-after=3");
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            assertArrayEquals("hi\n".getBytes(UTF_8), client.readBytes(3));
            client.sendLine("never answered");
            assertEquals(-1, client.in().read(), "closed at the idle timeout, without a word"); // read timeout: 5 s
        }
    }

    @Test
    void theIdleTimeoutEndsABlackholedConnectionThatNeverGotItsGreeting() throws IOException {
        eco.server().faults().set("blackhole");
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            client.sendLine("hello?");
            assertEquals(-1, client.in().read(), "closed at the idle timeout, never served");
        }
    }

    @Test
    void shutdownEndsAHeldConnectionWithoutWaitingForItsGrace() throws IOException {
        EcoServer server = EcoServer.start(ServerConfig.forTests().toBuilder()
                .idleTimeout(Duration.ZERO)
                .shutdownGrace(Duration.ofSeconds(30))
                .fault("blackhole")
                .build());
        try (TestClient client = TestClient.connect(server.tcpAddress())) {
            client.sendLine("hello?");
            long closing = System.nanoTime();
            server.close();
            long took = Duration.ofNanos(System.nanoTime() - closing).toMillis();
            assertTrue(took < 30_000, "shutdown waited its whole grace for a held connection: " + took + " ms");
            assertEquals(-1, client.in().read());
        } finally {
            server.close();
        }
    }
}

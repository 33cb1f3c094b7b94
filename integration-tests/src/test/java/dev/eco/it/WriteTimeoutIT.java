package dev.eco.it;

import static org.awaitility.Awaitility.await;

import dev.eco.it.support.Flood;
import dev.eco.it.support.TestClient;
import dev.eco.junit.EcoServerExtension;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that sends but never reads blocks the server's writes to it; after the idle timeout the server
 * gives up on it, so it cannot hold a thread and a place against --max-connections forever.
 */
class WriteTimeoutIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    final EcoServerExtension eco = new EcoServerExtension(ServerConfig.forTests().toBuilder()
            .writeTimeout(TIMEOUT)
            .idleTimeout(Duration.ZERO)
            .build());

    @Test
    void aLineClientThatNeverReadsIsClosedAfterTheWriteTimeoutWithNoIdleTimeout(EcoServer server) throws Exception {
        try (TestClient client = TestClient.connect(server.tcpAddress(), Flood.smallBuffers())) {
            // Counted before the flood: once stalled, the write timeout may already have run out on a busy machine.
            await("the connection is open").atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 1);
            Flood flood = Flood.start(client, "flood");
            flood.awaitStalled(); // the server is now blocked writing replies nobody reads
            flood.stop();
            await("the blocked connection is closed")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> server.openConnections() == 0);
        }
    }

    @Test
    void aRawClientThatNeverReadsIsClosedToo(EcoServer server) throws Exception {
        try (TestClient client = TestClient.connect(server.rawAddress().orElseThrow(), Flood.smallBuffers())) {
            Flood flood = Flood.start(client, "flood");
            flood.awaitStalled();
            flood.stop();
            await("the blocked raw connection is closed")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> server.openConnections() == 0);
        }
    }
}

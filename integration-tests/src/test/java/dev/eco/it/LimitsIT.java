package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.TestClient;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connection limit: one connection too many is told so and closed; the others carry on. */
class LimitsIT {

    @Test
    void theConnectionOverTheLimitReadsServerFullThenEofAndTheOthersStillEcho() throws IOException {
        ServerConfig config =
                ServerConfig.forTests().toBuilder().maxConnections(2).build();
        try (EcoServer server = EcoServer.start(config);
                TestClient first = TestClient.connect(server.tcpAddress());
                TestClient second = TestClient.connect(server.tcpAddress())) {
            // A round trip each proves both were admitted before the third arrives.
            assertEquals("1", first.roundTrip("1"));
            assertEquals("2", second.roundTrip("2"));
            assertEquals(2, server.openConnections());

            try (TestClient third = TestClient.connect(server.tcpAddress())) {
                String line = third.readLine();
                assertTrue(line.startsWith("error: server_full: "), line);
                third.assertEof();
            }
            assertEquals("still 1", first.roundTrip("still 1"));
            assertEquals("still 2", second.roundTrip("still 2"));

            // A place that frees up can be taken again.
            first.socket().close(); // hang up; the resource's own close() comes again at the end, harmlessly
            await().atMost(Duration.ofSeconds(5)).until(server::openConnections, n -> n == 1);
            try (TestClient fourth = TestClient.connect(server.tcpAddress())) {
                assertEquals("4", fourth.roundTrip("4"));
            }
        }
    }

    @Test
    void rawConnectionsCountTowardsTheSameLimit() throws IOException {
        ServerConfig config =
                ServerConfig.forTests().toBuilder().maxConnections(1).build();
        try (EcoServer server = EcoServer.start(config);
                TestClient raw = TestClient.connect(server.rawAddress().orElseThrow())) {
            raw.send("x");
            assertEquals('x', raw.readBytes(1)[0]);
            try (TestClient line = TestClient.connect(server.tcpAddress())) {
                assertTrue(line.readLine().startsWith("error: server_full: "));
                line.assertEof();
            }
        }
    }

    @Test
    void aFloodOfRefusedConnectionsIsOneLogLineNotOneEach() throws IOException {
        try (EcoProcess eco = EcoProcess.serve("--port", "0", "--udp-port", "off", "--max-connections", "1");
                TestClient admitted = TestClient.connect(eco.port("tcp"))) {
            assertEquals("in", admitted.roundTrip("in"));
            for (int i = 0; i < REFUSED; i++) {
                try (TestClient refused = TestClient.connect(eco.port("tcp"))) {
                    assertTrue(refused.readLine().startsWith("error: server_full: "));
                }
            }
            await("the first refusal logged").atMost(Duration.ofSeconds(5)).until(() -> refusedLines(eco) >= 1);
            assertEquals(1, refusedLines(eco), () -> "each refusal was logged:\n" + String.join("\n", eco.stderr()));
        }
    }

    @Test
    void anAddressAtItsCapIsToldServerFullWhileAnotherAddressStillGetsIn() throws IOException {
        ServerConfig config =
                ServerConfig.forTests().toBuilder().maxConnectionsPerAddress(2).build();
        try (EcoServer server = EcoServer.start(config);
                TestClient first = TestClient.connect(server.tcpAddress());
                TestClient second = TestClient.connect(server.tcpAddress())) {
            assertEquals("1", first.roundTrip("1"));
            assertEquals("2", second.roundTrip("2"));
            try (TestClient third = TestClient.connect(server.tcpAddress())) {
                assertEquals(
                        "error: server_full: the server has its maximum of 2 connections from your address;"
                                + " try again later",
                        third.readLine());
                third.assertEof();
            }
            Socket fromElsewhere = new Socket();
            fromElsewhere.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.2"), 0));
            try (TestClient other = TestClient.connect(server.tcpAddress(), fromElsewhere)) {
                assertEquals("from 127.0.0.2", other.roundTrip("from 127.0.0.2"));
            }
        }
    }

    @Test
    void theCapPerAddressAndTheFrameTimeoutComeFromTheEnvironment() throws IOException {
        try (EcoProcess eco = EcoProcess.serve(
                        Map.of("ECO_MAX_CONNECTIONS_PER_ADDRESS", "1", "ECO_FRAME_TIMEOUT", "1s"),
                        "--port",
                        "0",
                        "--udp-port",
                        "off");
                TestClient admitted = TestClient.connect(eco.port("tcp"))) {
            assertEquals("in", admitted.roundTrip("in"));
            try (TestClient refused = TestClient.connect(eco.port("tcp"))) {
                assertEquals(
                        "error: server_full: the server has its maximum of 1 connection from your address; try again later",
                        refused.readLine());
            }
            admitted.send("half a fram"); // and never its newline
            assertEquals(
                    "error: frame_timeout: a frame must end (LF) within 1 s of its first byte; closing",
                    admitted.readLine());
            admitted.assertEof();
        }
    }

    private static final int REFUSED = 30;

    private static long refusedLines(EcoProcess eco) {
        return eco.stderr().stream()
                .filter(line -> line.contains("refused: server full"))
                .count();
    }
}

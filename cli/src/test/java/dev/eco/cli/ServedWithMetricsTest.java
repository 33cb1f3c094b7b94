package dev.eco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.prometheus.PrometheusMetrics;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code eco serve} puts the server and its metrics endpoint together, without a process. */
class ServedWithMetricsTest {

    private static final ServerConfig CONFIG = ServerConfig.forTests();

    @Test
    void withoutAMetricsPortTheServerCountsThroughNoneAndNoEndpointListens() throws Exception {
        List<ServerMetrics> given = new ArrayList<>();
        ServedWithMetrics served = ServedWithMetrics.start(CONFIG, ServerConfig.OFF, "127.0.0.1", (config, metrics) -> {
            given.add(metrics);
            return EcoServer.start(config, metrics);
        });
        try {
            assertSame(ServerMetrics.NONE, given.getFirst(), "no Prometheus object without --metrics-port");
            assertTrue(
                    served.listeningLines().stream().noneMatch(line -> line.startsWith("eco listening metrics")),
                    served.listeningLines().toString());
        } finally {
            served.close();
        }
        served.awaitClosed();
    }

    @Test
    void withAMetricsPortTheServerCountsThroughPrometheusAndTheMetricsLineComesLast() throws Exception {
        List<ServerMetrics> given = new ArrayList<>();
        ServedWithMetrics served = ServedWithMetrics.start(CONFIG, 0, "127.0.0.1", (config, metrics) -> {
            given.add(metrics);
            return EcoServer.start(config, metrics);
        });
        try {
            assertInstanceOf(PrometheusMetrics.class, given.getFirst());
            assertTrue(
                    served.listeningLines().getLast().matches("eco listening metrics 127\\.0\\.0\\.1:\\d+"),
                    served.listeningLines().toString());
        } finally {
            served.close();
        }
        served.awaitClosed();
    }

    @Test
    void aServerThatFailsToStartLeavesTheMetricsPortFreeAgain() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        IOException failure = assertThrows(
                IOException.class,
                () -> ServedWithMetrics.start(CONFIG, port, "127.0.0.1", (config, metrics) -> {
                    throw new IOException("--port 9999 is in use");
                }));
        assertEquals("--port 9999 is in use", failure.getMessage());
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort(), "the endpoint was closed when the server failed to start");
        }
    }

    @Test
    void aMetricsPortInUseIsNamedByItsOptionAndTheServerIsNeverStarted() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<ServerMetrics> given = new ArrayList<>();
            IOException failure = assertThrows(
                    IOException.class,
                    () -> ServedWithMetrics.start(CONFIG, taken.getLocalPort(), "127.0.0.1", (config, metrics) -> {
                        given.add(metrics);
                        return EcoServer.start(config, metrics);
                    }));
            assertEquals("--metrics-port " + taken.getLocalPort() + " is in use", failure.getMessage());
            assertEquals(List.of(), given, "nothing else was bound");
        }
    }
}

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
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
    void healthAndTheMetricsSayWhenALoopHasEnded() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<EcoServer> started = new AtomicReference<>();
        ServedWithMetrics served = ServedWithMetrics.start(CONFIG, 0, "127.0.0.1", (config, metrics) -> {
            // The Prometheus metrics, except that counting an answered datagram ends the UDP loop, as an error
            // that one datagram could cause would.
            InvocationHandler failing = (proxy, method, args) -> {
                if (method.getName().equals("udpAnswered")) {
                    throw new StackOverflowError("injected");
                }
                if (method.getName().equals("loopEnded")) {
                    ended.countDown();
                }
                return method.invoke(metrics, args);
            };
            ServerMetrics wrapped = (ServerMetrics) Proxy.newProxyInstance(
                    ServerMetrics.class.getClassLoader(), new Class<?>[] {ServerMetrics.class}, failing);
            started.set(EcoServer.start(config, wrapped));
            return started.get();
        });
        try (HttpClient http = HttpClient.newHttpClient();
                DatagramSocket udp = new DatagramSocket()) {
            String metrics = served.listeningLines().getLast().substring("eco listening metrics ".length());
            assertEquals(200, get(http, metrics, "/health").statusCode());
            byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
            udp.send(new DatagramPacket(
                    hello, hello.length, started.get().udpAddress().orElseThrow()));
            assertTrue(ended.await(10, TimeUnit.SECONDS), "the UDP loop did not report its end");
            HttpResponse<String> health = get(http, metrics, "/health");
            assertEquals(503, health.statusCode());
            assertEquals("loop ended: udp\n", health.body());
            assertTrue(
                    get(http, metrics, "/metrics").body().contains("eco_loops_ended_total{loop=\"udp\"} 1.0"),
                    "the metric names the loop");
        } finally {
            served.close();
        }
        served.awaitClosed();
    }

    private static HttpResponse<String> get(HttpClient http, String hostPort, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://" + hostPort + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
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

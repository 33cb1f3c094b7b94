package dev.eco.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.protocol.ErrorCode;
import dev.eco.server.Health;
import dev.eco.server.ServerLoop;
import dev.eco.server.ServerMetrics.ListenerKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /metrics and /health over real HTTP on a free loopback port. */
class MetricsEndpointTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PrometheusMetrics metrics = new PrometheusMetrics();
    private final AtomicReference<Health> health = new AtomicReference<>(new Health(true, Set.of()));
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private MetricsEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, metrics.registry(), health::get);
    }

    @AfterEach
    void stop() {
        endpoint.close();
        http.close();
    }

    @Test
    void metricsAreServedInTheTextFormat() throws Exception {
        metrics.read(ListenerKind.TCP, 42, 2);
        metrics.errorReply(ListenerKind.TCP, ErrorCode.BAD_JSON);

        HttpResponse<String> response = get(endpoint.metricsUri());
        assertEquals(200, response.statusCode());
        assertEquals(
                "text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        Scrape scrape = Scrape.parse(response.body());
        assertEquals(42, scrape.value("eco_received_bytes_total{listener=\"tcp\"}"));
        assertEquals(2, scrape.value("eco_frames_received_total{listener=\"tcp\"}"));
        assertEquals(1, scrape.value("eco_error_replies_total{code=\"bad_json\"}"));

        metrics.read(ListenerKind.TCP, 8, 1);
        assertEquals(
                50,
                Scrape.parse(get(endpoint.metricsUri()).body()).value("eco_received_bytes_total{listener=\"tcp\"}"),
                "each scrape reads the counts of now");
    }

    @Test
    void aScraperThatAsksForOpenMetricsGetsIt() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(endpoint.metricsUri())
                        .timeout(TIMEOUT)
                        .header("Accept", "application/openmetrics-text; version=1.0.0")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(
                response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/openmetrics-text"));
        assertTrue(response.body().endsWith("# EOF\n"), response.body());
    }

    @Test
    void healthIsOkWhileAcceptingAndDrainingAfter() throws Exception {
        HttpResponse<String> ok = get(endpoint.healthUri());
        assertEquals(200, ok.statusCode());
        assertEquals("ok\n", ok.body());

        health.set(new Health(false, Set.of()));
        HttpResponse<String> draining = get(endpoint.healthUri());
        assertEquals(503, draining.statusCode());
        assertEquals("draining\n", draining.body());
    }

    @Test
    void healthIsUnavailableOnceALoopHasEnded() throws Exception {
        health.set(new Health(true, Set.of(ServerLoop.SWEEPER, ServerLoop.ACCEPT_TCP)));
        HttpResponse<String> ended = get(endpoint.healthUri());
        assertEquals(503, ended.statusCode());
        assertEquals("loop ended: accept_tcp, sweeper\n", ended.body());
    }

    @Test
    void headAsksForHealthWithoutABody() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(endpoint.healthUri())
                        .timeout(TIMEOUT)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void otherPathsAndMethodsAreRefusedPlainly() throws Exception {
        HttpResponse<String> missing =
                get(URI.create(endpoint.metricsUri().resolve("/").toString() + "nothing"));
        assertEquals(404, missing.statusCode());
        assertEquals("not found: eco serves /metrics and /health\n", missing.body());
        assertEquals(404, get(endpoint.metricsUri().resolve("/")).statusCode());
        assertEquals(
                404, get(endpoint.metricsUri().resolve("/-/healthy")).statusCode(), "one health endpoint, not two");

        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(endpoint.healthUri())
                        .timeout(TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void itListensWhereItSaysAndStopsListeningWhenClosed() throws Exception {
        assertEquals("127.0.0.1", endpoint.address().getAddress().getHostAddress());
        assertTrue(endpoint.address().getPort() > 0);
        assertEquals(
                URI.create("http://127.0.0.1:" + endpoint.address().getPort() + "/metrics"), endpoint.metricsUri());

        endpoint.close();
        endpoint.close();
        assertThrows(
                ConnectException.class,
                () -> new Socket(
                                endpoint.address().getAddress(),
                                endpoint.address().getPort())
                        .close());
    }

    @Test
    void aHostThatDoesNotResolveOrAPortInUseFailsToStart() throws Exception {
        assertThrows(
                IOException.class,
                () -> MetricsEndpoint.start(
                        "no-such-host.invalid", 0, metrics.registry(), () -> new Health(true, Set.of())));
        assertThrows(
                IOException.class,
                () -> MetricsEndpoint.start(
                        "127.0.0.1",
                        endpoint.address().getPort(),
                        new PrometheusMetrics().registry(),
                        () -> new Health(true, Set.of())));
    }

    @Test
    void anIpv6LoopbackEndpointHasABracketedUri() throws Exception {
        try (MetricsEndpoint v6 =
                MetricsEndpoint.start("::1", 0, metrics.registry(), () -> new Health(true, Set.of()))) {
            assertEquals(
                    "http://[0:0:0:0:0:0:0:1]:" + v6.address().getPort() + "/health",
                    v6.healthUri().toString());
            assertEquals(200, get(v6.healthUri()).statusCode());
        }
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}

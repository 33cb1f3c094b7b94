package dev.eco.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.server.Health;
import dev.eco.server.testing.FaultPlan;
import dev.eco.server.testing.Faults;
import dev.eco.server.testing.Taps;
import java.io.IOException;
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

/** {@code /faults} over real HTTP, against a server's faults without the server: each method and each refusal. */
class FaultsEndpointTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AtomicReference<Faults> faults = new AtomicReference<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private MetricsEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        endpoint = MetricsEndpoint.start(
                "127.0.0.1",
                0,
                new PrometheusMetrics().registry(),
                () -> new Health(true, Set.of()),
                new FaultAdmin(faults::get, false));
    }

    @AfterEach
    void stop() {
        endpoint.close();
        http.close();
    }

    private HttpResponse<String> call(String method, String body) throws IOException, InterruptedException {
        URI uri = endpoint.metricsUri().resolve("/faults");
        HttpRequest.BodyPublisher publisher =
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(TIMEOUT)
                        .method(method, publisher)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getPutAndDeleteReadReplaceAndClear() throws Exception {
        faults.set(new Taps(FaultPlan.NONE).faults());
        assertEquals("none\n", call("GET", null).body());
        HttpResponse<String> put = call("PUT", "latency=200ms,jitter=50ms\ndrop=10%");
        assertEquals(200, put.statusCode());
        assertEquals("latency=200ms,jitter=50ms\ndrop=10%\n", put.body());
        assertEquals(
                FaultPlan.parse("latency=200ms,jitter=50ms;drop=10%"),
                faults.get().plan());
        assertEquals("none\n", call("DELETE", null).body());
        assertEquals(FaultPlan.NONE, faults.get().plan());
    }

    @Test
    void beforeTheServerRunsItAsksToTryAgain() throws Exception {
        HttpResponse<String> early = call("GET", null);
        assertEquals(503, early.statusCode());
        assertEquals("starting: try again in a moment\n", early.body());
    }

    @Test
    void otherMethodsAndHugeBodiesAreRefused() throws Exception {
        faults.set(new Taps(FaultPlan.NONE).faults());
        HttpResponse<String> post = call("POST", "blackhole");
        assertEquals(405, post.statusCode());
        assertEquals(
                "GET, HEAD, PUT, DELETE", post.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> huge = call("PUT", "latency=1ms;".repeat(1_000));
        assertEquals(413, huge.statusCode());
        assertEquals("too long: faults are at most 4096 bytes\n", huge.body());
        assertEquals(FaultPlan.NONE, faults.get().plan(), "nothing changed");
    }

    @Test
    void theNotFoundSentenceNamesFaultsToo() throws Exception {
        HttpResponse<String> missing = http.send(
                HttpRequest.newBuilder(endpoint.metricsUri().resolve("/nothing"))
                        .timeout(TIMEOUT)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertEquals("not found: eco serves /metrics, /health and /faults\n", missing.body());
    }
}

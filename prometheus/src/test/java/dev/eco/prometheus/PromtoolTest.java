package dev.eco.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.protocol.ErrorCode;
import dev.eco.server.Health;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.ServerMetrics.ListenerKind;
import dev.eco.server.ServerMetrics.UdpDrop;
import java.io.File;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's own linter, {@code promtool check metrics}, accepts what /metrics serves: names, types, units
 * and help as Prometheus expects them. Needs promtool (Debian's {@code prometheus} package, which .ci/run
 * installs): without it the test is skipped with a message, except under {@code CI=true}, where it fails.
 */
class PromtoolTest {

    @Test
    void promtoolFindsNothingToCriticizeInAScrape() throws Exception {
        Path promtool = promtool();
        PrometheusMetrics metrics = new PrometheusMetrics();
        metrics.watchRooms(() -> 1, () -> 2);
        metrics.connectionOpened(ListenerKind.TCP);
        metrics.read(ListenerKind.TCP, 10, 1);
        metrics.wrote(ListenerKind.TCP, 10, 1, 50_000);
        metrics.errorReply(ListenerKind.TCP, ErrorCode.BAD_JSON);
        metrics.connectionClosed(ListenerKind.TCP, Close.PEER);
        metrics.udpDropped(UdpDrop.RATE_LIMITED, 5);

        String scraped;
        try (MetricsEndpoint endpoint =
                        MetricsEndpoint.start("127.0.0.1", 0, metrics.registry(), () -> new Health(true, Set.of()));
                HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(endpoint.metricsUri())
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            scraped = response.body();
        }

        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = check.getOutputStream()) {
            in.write(scraped.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(check.waitFor(30, TimeUnit.SECONDS), "promtool did not finish within 30 s");
        String verdict = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.exitValue(), "promtool check metrics: " + verdict + "\non:\n" + scraped);
        assertEquals("", verdict.strip(), "promtool has remarks on:\n" + scraped);
    }

    private static Path promtool() {
        Path found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (found == null) {
            String message =
                    "promtool is not on PATH; install Debian's prometheus package (.ci/run does) to lint /metrics";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message + " (CI=true, so this is a failure, not a skip)");
            }
            Assumptions.abort(message);
        }
        return found;
    }
}

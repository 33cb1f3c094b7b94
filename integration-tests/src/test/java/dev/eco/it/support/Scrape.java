package dev.eco.it.support;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One {@code GET /metrics} of a running eco, in the Prometheus text format, read back into its samples
 * ({@code name{labels}} to value); and {@code promtool check metrics} on such a text.
 */
public record Scrape(String text, Map<String, Double> samples) {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    /** Scrapes {@code http://127.0.0.1:PORT/metrics}; fails unless the answer is a 200. */
    public static Scrape of(int metricsPort) throws IOException, InterruptedException {
        HttpResponse<String> response = get(metricsPort, "/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /metrics answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** The status of {@code GET /health}. */
    public static int health(int metricsPort) throws IOException, InterruptedException {
        return get(metricsPort, "/health").statusCode();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(HTTP_TIMEOUT)
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    static Scrape parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return new Scrape(text, samples);
    }

    /** The value of one sample as the scrape spells it: {@code eco_rooms}, {@code eco_x_total{listener="tcp"}}. */
    public long value(String sample) {
        Double value = samples.get(sample);
        if (value == null) {
            throw new AssertionError("no sample " + sample + " in the scrape:\n" + text);
        }
        if (value != Math.rint(value)) {
            throw new AssertionError(sample + " is " + value + ", not a whole number");
        }
        return value.longValue();
    }

    /**
     * Runs {@code promtool check metrics} on the text and returns what it said (empty when it had no remark),
     * or empty Optional when promtool is missing and {@code CI} is not {@code true}; under {@code CI=true} a
     * missing promtool is a failure.
     */
    public Optional<String> promtool() throws IOException, InterruptedException {
        Optional<Path> promtool = Stream.of(
                        System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
        if (promtool.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("promtool is not on PATH (CI=true, so this is a failure, not a skip):"
                        + " .ci/run installs Debian's prometheus package, which has it");
            }
            return Optional.empty();
        }
        Process check = new ProcessBuilder(promtool.get().toString(), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = check.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String verdict = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(30, TimeUnit.SECONDS)) {
            check.destroyForcibly();
            throw new AssertionError("promtool check metrics did not finish within 30 s");
        }
        if (check.exitValue() != 0) {
            throw new AssertionError(
                    "promtool check metrics exited " + check.exitValue() + ": " + verdict + "\non:\n" + text);
        }
        return Optional.of(verdict.strip());
    }
}

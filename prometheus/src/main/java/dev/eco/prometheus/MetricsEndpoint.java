package dev.eco.prometheus;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The HTTP port a Prometheus server scrapes: {@code GET /metrics} in the Prometheus text format (or
 * OpenMetrics, when the scraper asks for it, gzipped when it accepts that), and {@code GET /health}:
 * {@code 200 ok} while the server accepts connections, {@code 503 draining} once it no longer does; and,
 * when asked, {@code /faults} to read and change the server's faults (docs/operations.md). Anything else is a 404. Served by the Prometheus client's own {@link HTTPServer} on the JDK's HTTP server.
 *
 * <pre>{@code
 * try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, metrics.registry(), server::isAccepting)) {
 *     URI scrape = endpoint.metricsUri();
 * }
 * }</pre>
 */
public final class MetricsEndpoint implements AutoCloseable {

    /** Where the endpoint listens unless told otherwise: loopback, so that metrics are not public by default. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /**
     * Scrapes served at once; more wait in a queue of {@link #QUEUED_REQUESTS}. A scrape takes a
     * millisecond, and one Prometheus server scrapes one at a time.
     */
    public static final int SCRAPE_THREADS = 2;
    /** Requests that may wait for a scrape thread; beyond them the connection is closed unanswered. */
    public static final int QUEUED_REQUESTS = 100;

    private final HTTPServer server;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MetricsEndpoint(HTTPServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one) and serves the registry's metrics, and health from
     * {@code accepting}, until {@link #close()}.
     *
     * @throws IOException when the host does not resolve or the port cannot be bound
     */
    public static MetricsEndpoint start(String host, int port, PrometheusRegistry registry, BooleanSupplier accepting)
            throws IOException {
        return start(host, port, registry, accepting, null);
    }

    /**
     * The same, and {@code /faults} to read and change the server's faults ({@link FaultAdmin}); null for no
     * {@code /faults}.
     */
    public static MetricsEndpoint start(
            String host, int port, PrometheusRegistry registry, BooleanSupplier accepting, FaultAdmin faults)
            throws IOException {
        InetAddress address = InetAddress.getByName(host);
        // Named after what they serve; daemon threads, as in the library's own default pool.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                SCRAPE_THREADS,
                SCRAPE_THREADS,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS),
                Thread.ofPlatform().name("eco-metrics-http-", 1).daemon(true).factory());
        try {
            HTTPServer server = HTTPServer.builder()
                    .inetAddress(address)
                    .port(port)
                    .registry(registry)
                    .executorService(executor)
                    .registerHealthHandler(false)
                    .defaultHandler(
                            new Routes(new HealthHandler(accepting), faults == null ? null : new FaultsHandler(faults)))
                    .buildAndStart();
            return new MetricsEndpoint(server, new InetSocketAddress(address, server.getPort()));
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /** The bound address: the real port when it was 0. */
    public InetSocketAddress address() {
        return address;
    }

    /** {@code http://host:port/metrics}. */
    public URI metricsUri() {
        return uri("/metrics");
    }

    /** {@code http://host:port/health}. */
    public URI healthUri() {
        return uri("/health");
    }

    private URI uri(String path) {
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + path);
    }

    /** Stops listening and ends the scrape threads; safe to call twice. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.close();
        }
    }
}

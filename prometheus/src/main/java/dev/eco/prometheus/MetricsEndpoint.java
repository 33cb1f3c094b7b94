package dev.eco.prometheus;

import com.sun.net.httpserver.HttpServer;
import dev.eco.server.Health;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The HTTP port a Prometheus server scrapes: {@code GET /metrics} in the Prometheus text format (or
 * OpenMetrics, when the scraper asks for it, gzipped when it accepts that), and {@code GET /health}:
 * {@code 200 ok} while the server's {@link Health} is ok, {@code 503} with what is wrong once it is not
 * ({@code draining}, {@code loop ended: udp}); and, when asked, {@code /faults} to read and change the server's
 * faults (docs/operations.md). Anything else is a 404. Served by the JDK's HTTP server with the Prometheus
 * client's {@link MetricsHandler}.
 *
 * <pre>{@code
 * try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, metrics.registry(), server::health)) {
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

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one) and serves the registry's metrics, and {@code health}
     * (asked at each request), until {@link #close()}.
     *
     * <p>The JDK's HTTP server opens its socket as IPv6 whatever the address, so host 0.0.0.0 binds the IPv6
     * wildcard {@code ::}, which takes IPv4 and IPv6 alike: {@link #address()} then says {@code ::}.
     *
     * @throws IOException when the host does not resolve or the port cannot be bound
     */
    public static MetricsEndpoint start(String host, int port, PrometheusRegistry registry, Supplier<Health> health)
            throws IOException {
        return start(host, port, registry, health, null);
    }

    /**
     * The same, and {@code /faults} to read and change the server's faults ({@link FaultAdmin}); null for no
     * {@code /faults}.
     */
    public static MetricsEndpoint start(
            String host, int port, PrometheusRegistry registry, Supplier<Health> health, FaultAdmin faults)
            throws IOException {
        InetAddress address = InetAddress.getByName(host);
        // Named after what they serve; daemon threads, as in the Prometheus client's own default pool.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                SCRAPE_THREADS,
                SCRAPE_THREADS,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS),
                Thread.ofPlatform().name("eco-metrics-http-", 1).daemon(true).factory());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
            server.setExecutor(executor);
            server.createContext("/metrics", new MetricsHandler(registry));
            // /health, /faults when asked, and a 404 for the rest
            server.createContext(
                    "/", new Routes(new HealthHandler(health), faults == null ? null : new FaultsHandler(faults)));
            server.start();
            return new MetricsEndpoint(server, executor);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /** The bound address, as the socket reports it: the real port when it was 0. */
    public InetSocketAddress address() {
        return server.getAddress();
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
        InetSocketAddress address = address();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + path);
    }

    /** Stops listening and ends the scrape threads; safe to call twice. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdown();
        }
    }
}

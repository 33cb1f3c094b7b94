package dev.eco.cli;

import dev.eco.prometheus.FaultAdmin;
import dev.eco.prometheus.MetricsEndpoint;
import dev.eco.prometheus.PrometheusMetrics;
import dev.eco.server.EcoServer;
import dev.eco.server.Health;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerMetrics;
import dev.eco.server.net.Peers;
import java.io.IOException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code eco serve}'s server and, with {@code --metrics-port}, its metrics endpoint, started and stopped as
 * one. The endpoint binds first, so that a metrics port in use leaves nothing else bound; it closes last, so
 * that {@code /health} answers 503 while the server drains. Without a metrics port the server counts through
 * {@link ServerMetrics#NONE}: no Prometheus object exists at all. The endpoint also serves {@code /faults} unless
 * {@code --fault-admin off}.
 */
final class ServedWithMetrics {

    /** The health of a server still starting: not yet accepting. */
    private static final Health NOT_STARTED = new Health(false, Set.of());

    private final EcoServer server;
    private final MetricsEndpoint endpoint;
    private final CountDownLatch closed = new CountDownLatch(1);

    private ServedWithMetrics(EcoServer server, MetricsEndpoint endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Starts the server, with a metrics endpoint on {@code metricsHost:metricsPort} unless the port is
     * {@link ServerConfig#OFF}; {@code start} binds the server.
     */
    static ServedWithMetrics start(ServerConfig config, int metricsPort, String metricsHost, Starter start)
            throws IOException {
        return start(config, metricsPort, metricsHost, ServeFaults.Admin.OFF, start);
    }

    /** The same, with {@code /faults} on the metrics port for these clients ({@code OFF}: none). */
    static ServedWithMetrics start(
            ServerConfig config, int metricsPort, String metricsHost, ServeFaults.Admin admin, Starter start)
            throws IOException {
        if (metricsPort == ServerConfig.OFF) {
            return new ServedWithMetrics(start.start(config, ServerMetrics.NONE), null);
        }
        PrometheusMetrics metrics = new PrometheusMetrics();
        // The server does not exist yet while the endpoint binds: until it does, health says 503.
        AtomicReference<EcoServer> started = new AtomicReference<>();
        FaultAdmin faults = admin == ServeFaults.Admin.OFF
                ? null
                : new FaultAdmin(
                        () -> {
                            EcoServer s = started.get();
                            return s == null ? null : s.faults();
                        },
                        admin == ServeFaults.Admin.ANY);
        MetricsEndpoint endpoint = endpoint(
                metricsHost,
                metricsPort,
                metrics,
                () -> {
                    EcoServer s = started.get();
                    return s == null ? NOT_STARTED : s.health();
                },
                faults);
        try {
            EcoServer server = start.start(config, metrics);
            metrics.watchRooms(server::roomCount, server::memberCount);
            started.set(server);
            return new ServedWithMetrics(server, endpoint);
        } catch (IOException | RuntimeException e) {
            endpoint.close();
            throw e;
        }
    }

    /** How the server is bound: {@code EcoServer.start} with the CLI's sentences for its failures. */
    @FunctionalInterface
    interface Starter {
        EcoServer start(ServerConfig config, ServerMetrics metrics) throws IOException;
    }

    private static MetricsEndpoint endpoint(
            String host, int port, PrometheusMetrics metrics, Supplier<Health> health, FaultAdmin faults)
            throws IOException {
        try {
            return MetricsEndpoint.start(host, port, metrics.registry(), health, faults);
        } catch (UnknownHostException e) {
            throw new IOException("cannot listen on --metrics-host '" + host + "': no such address", e);
        } catch (BindException e) {
            String why = String.valueOf(e.getMessage());
            throw new IOException(
                    why.toLowerCase(Locale.ROOT).contains("in use")
                            ? "--metrics-port " + port + " is in use"
                            : "cannot listen on --metrics-host " + host + " --metrics-port " + port + ": " + why,
                    e);
        }
    }

    /** The server's listening lines, then {@code eco listening metrics HOST:PORT} when there is an endpoint. */
    List<String> listeningLines() {
        List<String> lines = new ArrayList<>(server.listeningLines());
        if (endpoint != null) {
            lines.add("eco listening metrics " + Peers.describe(endpoint.address()));
        }
        return lines;
    }

    /** Where a browser finds the chat page: {@code eco chat page http://127.0.0.1:9980/}, one line per WebSocket listener. */
    List<String> pageLines() {
        List<String> lines = new ArrayList<>();
        server.wsAddress().ifPresent(a -> lines.add("eco chat page http://" + Peers.describe(a) + "/"));
        server.wssAddress().ifPresent(a -> lines.add("eco chat page https://" + Peers.describe(a) + "/"));
        return lines;
    }

    /** Drains the server (health says 503 meanwhile), then closes the endpoint. */
    void close() {
        try {
            server.close();
        } finally {
            try {
                if (endpoint != null) {
                    endpoint.close();
                }
            } finally {
                closed.countDown();
            }
        }
    }

    /** Blocks until {@link #close()} has finished both. */
    void awaitClosed() throws InterruptedException {
        closed.await();
    }
}

package dev.eco.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * Every path but {@code /metrics} (which the Prometheus server serves itself): {@code /health}, and
 * {@code /faults} when the endpoint was given a {@link FaultAdmin}; anything else is a 404 that lists them.
 */
final class Routes implements HttpHandler {

    private final HealthHandler health;
    private final FaultsHandler faults;
    private final String notFound;

    Routes(HealthHandler health, FaultsHandler faults) {
        this.health = health;
        this.faults = faults;
        this.notFound = faults == null
                ? "not found: eco serves /metrics and /health\n"
                : "not found: eco serves /metrics, /health and /faults\n";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals(HealthHandler.PATH)) {
            health.handle(exchange);
        } else if (faults != null && path.equals(FaultsHandler.PATH)) {
            faults.handle(exchange);
        } else {
            try (exchange) {
                Responses.send(exchange, 404, notFound);
            }
        }
    }
}

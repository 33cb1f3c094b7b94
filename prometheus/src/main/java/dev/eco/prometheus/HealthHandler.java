package dev.eco.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.eco.server.Health;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code /health} for a load balancer or a health check: {@code 200 ok} while the server accepts connections
 * and all its loops run; {@code 503 draining} while it shuts down, so traffic moves elsewhere before the port
 * closes; {@code 503 loop ended: accept_tcp} when a long-lived loop has ended (see {@link Health}).
 */
final class HealthHandler implements HttpHandler {

    static final String PATH = "/health";

    private final Supplier<Health> health;

    HealthHandler(Supplier<Health> health) {
        this.health = health;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")
                    && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Responses.send(exchange, 405, "method not allowed: use GET\n");
            } else {
                Health now = health.get();
                Responses.send(exchange, now.ok() ? 200 : 503, now.describe() + "\n");
            }
        }
    }
}

package dev.eco.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.eco.server.Health;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code /health} for a load balancer or a health check: {@code 200 ok} while the server accepts connections
 * and all its loops run; {@code 503 draining} while it shuts down, so traffic moves elsewhere before the port
 * closes; {@code 503 loop ended: accept_tcp} when a long-lived loop has ended (see {@link Health}). It is the
 * endpoint's handler for every path but {@code /metrics}; the rest get a 404.
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
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                respond(exchange, 404, "not found: eco serves /metrics and /health\n");
            } else if (!exchange.getRequestMethod().equals("GET")
                    && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "method not allowed: use GET\n");
            } else {
                Health now = health.get();
                respond(exchange, now.ok() ? 200 : 503, now.describe() + "\n");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

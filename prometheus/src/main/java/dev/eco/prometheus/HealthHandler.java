package dev.eco.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * {@code /health} for a load balancer or a health check: {@code 200 ok} while the server accepts
 * connections, {@code 503 draining} while it shuts down, so traffic moves elsewhere before the port closes.
 */
final class HealthHandler implements HttpHandler {

    static final String PATH = "/health";

    private final BooleanSupplier accepting;

    HealthHandler(BooleanSupplier accepting) {
        this.accepting = accepting;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")
                    && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Responses.send(exchange, 405, "method not allowed: use GET\n");
            } else if (accepting.getAsBoolean()) {
                Responses.send(exchange, 200, "ok\n");
            } else {
                Responses.send(exchange, 503, "draining\n");
            }
        }
    }
}

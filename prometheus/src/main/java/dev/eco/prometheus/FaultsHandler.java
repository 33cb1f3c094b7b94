package dev.eco.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.eco.server.testing.FaultPlan;
import dev.eco.server.testing.Faults;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code /faults}: {@code GET} shows the faults in force, one spec per line ({@code none} for none),
 * {@code PUT} replaces them with the specs in its body (as {@code eco serve --fault} takes them, several
 * separated by new lines or {@code ;}), {@code DELETE} clears them. {@code PUT} and {@code DELETE} answer with
 * the faults now in force; a bad spec is a 400 with its sentence, and changes nothing.
 */
final class FaultsHandler implements HttpHandler {

    static final String PATH = "/faults";
    /** The longest body {@code PUT} reads; a longer one is a 413. */
    static final int MAX_BODY_BYTES = 4096;

    private final FaultAdmin admin;

    FaultsHandler(FaultAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            InetSocketAddress peer = exchange.getRemoteAddress();
            if (!admin.anyPeer() && (peer == null || !peer.getAddress().isLoopbackAddress())) {
                Responses.send(
                        exchange,
                        403,
                        "forbidden: /faults answers clients on this machine only (--fault-admin any lets others in)\n");
                return;
            }
            Faults faults = admin.faults().get();
            if (faults == null) {
                Responses.send(exchange, 503, "starting: try again in a moment\n");
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "GET", "HEAD" -> Responses.send(exchange, 200, lines(faults.plan()));
                case "PUT" -> put(exchange, faults);
                case "DELETE" -> {
                    faults.clear();
                    Responses.send(exchange, 200, lines(faults.plan()));
                }
                default -> {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD, PUT, DELETE");
                    Responses.send(exchange, 405, "method not allowed: use GET, PUT or DELETE\n");
                }
            }
        }
    }

    private static void put(HttpExchange exchange, Faults faults) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            Responses.send(exchange, 413, "too long: faults are at most " + MAX_BODY_BYTES + " bytes\n");
            return;
        }
        FaultPlan plan;
        try {
            plan = FaultPlan.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            Responses.send(exchange, 400, e.getMessage() + "\n");
            return;
        }
        faults.set(plan);
        Responses.send(exchange, 200, lines(faults.plan()));
    }

    private static String lines(FaultPlan plan) {
        return plan.lines() + "\n";
    }
}

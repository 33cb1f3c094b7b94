package dev.eco.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** One nats-server's monitoring port: whether it is healthy, and which server leads a stream. */
final class NatsMonitor {

    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    NatsMonitor(int port) {
        this.port = port;
    }

    /**
     * Plain {@code /healthz} (meta leader known, every stream and consumer of this server current; not
     * {@code ?js-enabled-only=true}, which says ok before that) and a meta leader in {@code /jsz}: very early in a
     * start {@code /healthz} says ok before the JetStream cluster exists.
     */
    boolean healthy() {
        HttpResponse<String> health = get("/healthz");
        if (health == null || health.statusCode() != 200) {
            return false;
        }
        HttpResponse<String> jsz = get("/jsz");
        return jsz != null
                && !Json.parse(jsz.body())
                        .path("meta_cluster")
                        .path("leader")
                        .asString("")
                        .isEmpty();
    }

    /** The name of the server that leads {@code stream}, as this server knows it; null when it does not. */
    String leaderOf(String stream) {
        HttpResponse<String> jsz = get("/jsz?streams=true");
        if (jsz == null || jsz.statusCode() != 200) {
            return null;
        }
        for (JsonNode account : Json.parse(jsz.body()).path("account_details")) {
            for (JsonNode s : account.path("stream_detail")) {
                String leader = s.path("cluster").path("leader").asString("");
                if (stream.equals(s.path("name").asString("")) && !leader.isEmpty()) {
                    return leader;
                }
            }
        }
        return null;
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

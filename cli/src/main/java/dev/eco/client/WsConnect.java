package dev.eco.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Opens a WebSocket with the JDK's client ({@code java.net.http}); a failure is one sentence for the person. */
final class WsConnect {

    private WsConnect() {}

    /** {@code ws://HOST:PORT/} as the person gave it, for messages: {@code ws://127.0.0.1:9980/}. */
    static String shownAs(URI uri) {
        return uri.toString();
    }

    /**
     * Connects and upgrades within {@code timeout}; over {@code wss://} with {@code tls} (the JDK's CAs when
     * null). The listener gets no message until it asks for one with {@link WebSocket#request}.
     */
    static WebSocket open(URI uri, Duration timeout, TlsClient tls, WebSocket.Listener listener)
            throws ClientException, InterruptedException {
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout);
        if (tls != null) {
            http.sslContext(tls.context());
        }
        try {
            return http.build()
                    .newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .buildAsync(uri, listener)
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ClientException(
                    "cannot connect to " + shownAs(uri) + ": " + reason(e.getCause(), uri, timeout), e);
        } catch (TimeoutException e) {
            throw new ClientException(
                    "cannot connect to " + shownAs(uri) + ": no answer within " + Endpoints.describe(timeout), e);
        }
    }

    private static String reason(Throwable e, URI uri, Duration timeout) {
        if (e instanceof WebSocketHandshakeException refused) {
            int status = refused.getResponse().statusCode();
            return switch (status) {
                case 403 -> "the server refused the upgrade (403: this origin is not allowed)";
                case 503 -> "the server is full (503); try again later";
                default -> "the server refused the upgrade (HTTP " + status + "); is it a WebSocket port?";
            };
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + Endpoints.describe(timeout);
        }
        if (e instanceof SSLException ssl) {
            return "TLS handshake failed: " + TlsClient.reason(ssl, uri.getHost(), timeout);
        }
        if (e instanceof IOException io && io.getMessage() != null) {
            return io.getMessage();
        }
        return String.valueOf(e);
    }
}

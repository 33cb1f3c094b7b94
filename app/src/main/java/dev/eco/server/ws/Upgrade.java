package dev.eco.server.ws;

import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.ws.HttpRequest.Malformed;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * What one HTTP request on a WebSocket listener is answered, without sockets: the upgrade (101), the chat
 * page, or a status that says what is wrong. Only {@code /} exists: {@code GET /} with {@code Upgrade:
 * websocket} upgrades, without it gets the page ({@code HEAD /} its head); another path is 404, another method
 * 405; an upgrade that breaks RFC 6455's rules is 400, one of another WebSocket version 426, one from a page
 * whose origin is not allowed 403.
 */
final class Upgrade {

    /** RFC 6455's fixed GUID, hashed with the client's key into {@code Sec-WebSocket-Accept}. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Upgrade() {}

    /** The response, and whether it upgrades or how the connection ends after it. */
    @SuppressWarnings("ArrayRecordComponent") // written once, never compared
    record Answer(byte[] response, Close closes, String why) {
        boolean upgrades() {
            return closes == null;
        }
    }

    static Answer answer(HttpRequest request, OriginPolicy origins, ChatPage page, boolean secure) {
        try {
            return decide(request, origins, page, secure);
        } catch (Malformed e) {
            return refused(400, "Bad Request", e.getMessage());
        }
    }

    private static Answer decide(HttpRequest request, OriginPolicy origins, ChatPage page, boolean secure)
            throws Malformed {
        boolean get = request.method().equals("GET");
        if (!get && !request.method().equals("HEAD")) {
            return http(
                    HttpResponse.error(405, "Method Not Allowed", "only GET / is served here", "Allow: GET, HEAD"),
                    "405");
        }
        if (!request.path().equals("/")) {
            return http(
                    HttpResponse.error(404, "Not Found", "only / is served here: the chat page and WebSocket"), "404");
        }
        if (!get || request.headers().get("upgrade") == null) {
            return new Answer(page.response(get), Close.HTTP, "page");
        }
        if (!request.lists("upgrade", "websocket")) {
            return refused(400, "Bad Request", "this server upgrades to websocket only");
        }
        if (!request.version().equals("HTTP/1.1")) {
            return refused(400, "Bad Request", "a WebSocket upgrade needs HTTP/1.1");
        }
        if (!request.lists("connection", "upgrade")) {
            return refused(400, "Bad Request", "a WebSocket upgrade needs Connection: Upgrade");
        }
        Optional<String> host = request.header("host");
        if (host.isEmpty()) {
            return refused(400, "Bad Request", "a WebSocket upgrade needs a Host header");
        }
        if (!request.header("sec-websocket-version").orElse("").equals("13")) {
            return new Answer(
                    HttpResponse.error(
                            426,
                            "Upgrade Required",
                            "this server speaks WebSocket version 13 (RFC 6455)",
                            "Sec-WebSocket-Version: 13"),
                    Close.HANDSHAKE,
                    "426 WebSocket version "
                            + request.header("sec-websocket-version").orElse("none"));
        }
        Optional<String> key = request.header("sec-websocket-key");
        if (key.isEmpty() || !isKey(key.get())) {
            return refused(400, "Bad Request", "Sec-WebSocket-Key must be 16 bytes in base64");
        }
        Optional<String> origin = request.header("origin");
        if (!origins.allows(origin.orElse(null), host.get(), secure)) {
            return refused(403, "Forbidden", "pages from origin " + origin.get() + " may not connect here");
        }
        return new Answer(HttpResponse.switching(accept(key.get())), null, "upgraded");
    }

    /** {@code Sec-WebSocket-Accept} for a client's key: base64 of the SHA-1 of the key and the GUID. */
    static String accept(String key) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static boolean isKey(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Answer http(byte[] response, String why) {
        return new Answer(response, Close.HTTP, why);
    }

    /** An upgrade refused: its status and why, to the client and to the log. */
    private static Answer refused(int status, String reason, String why) {
        return new Answer(HttpResponse.error(status, reason, why), Close.HANDSHAKE, status + " " + why);
    }
}

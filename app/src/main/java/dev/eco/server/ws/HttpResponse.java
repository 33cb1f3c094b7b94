package dev.eco.server.ws;

import java.nio.charset.StandardCharsets;

/** The responses the WebSocket listener sends before (or instead of) an upgrade: each closes the connection. */
final class HttpResponse {

    private HttpResponse() {}

    /** An error status with a one-line plain-text body that says why, and any extra header lines. */
    static byte[] error(int status, String reason, String why, String... extraHeaders) {
        return with(
                status,
                reason,
                "text/plain; charset=utf-8",
                (why + "\n").getBytes(StandardCharsets.UTF_8),
                true,
                extraHeaders);
    }

    /** A response with this body (left out when {@code withBody} is false: the answer to HEAD). */
    static byte[] with(
            int status, String reason, String contentType, byte[] body, boolean withBody, String... extraHeaders) {
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason)
                .append("\r\n")
                .append("Content-Type: ")
                .append(contentType)
                .append("\r\n")
                .append("Content-Length: ")
                .append(body.length)
                .append("\r\n")
                .append("Cache-Control: no-store\r\n")
                .append("X-Content-Type-Options: nosniff\r\n")
                .append("Connection: close\r\n");
        for (String header : extraHeaders) {
            head.append(header).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        if (!withBody) {
            return headBytes;
        }
        byte[] all = java.util.Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /** The answer that upgrades the connection (RFC 6455, section 4.2.2); no subprotocol, no extension. */
    static byte[] switching(String accept) {
        return ("HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}

package dev.eco.protocol.ws;

import java.nio.charset.StandardCharsets;

/**
 * What a client's close frame says (RFC 6455, sections 5.5.1 and 7.4): nothing, or a status code of two bytes
 * that a peer may send, then a reason in UTF-8.
 */
final class ClosePayload {

    private ClosePayload() {}

    /**
     * Hands the close frame whose payload is {@code payload[0, len)} on through {@link WsDecoder.Sink#close}, or,
     * when the payload breaks the protocol, through {@link WsDecoder.Sink#fail}; returns false in that case.
     */
    static boolean handOn(byte[] payload, int len, WsDecoder.Sink sink) {
        if (len == 0) {
            sink.close(CloseCode.NO_STATUS, "");
            return true;
        }
        if (len == 1) {
            sink.fail(CloseCode.PROTOCOL_ERROR, "a close frame's status code takes two bytes");
            return false;
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!CloseCode.mayBeSent(code)) {
            sink.fail(CloseCode.PROTOCOL_ERROR, "close code " + code + " is not one a peer may send");
            return false;
        }
        if (!Utf8Validator.isValid(payload, 2, len - 2)) {
            sink.fail(CloseCode.INVALID_PAYLOAD, "a close reason that is not valid UTF-8");
            return false;
        }
        sink.close(code, new String(payload, 2, len - 2, StandardCharsets.UTF_8));
        return true;
    }
}

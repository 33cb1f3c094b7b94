package dev.eco.protocol.ws;

import java.nio.charset.StandardCharsets;

/**
 * Writes WebSocket frames (RFC 6455, section 5.2): unmasked, as a server sends them, and masked, as a client
 * must (for eco's load generator and tests). Every frame here is whole ({@code FIN} set): eco never fragments.
 */
public final class WsEncoder {

    /** A close frame's reason is at most this many bytes: 125 less the two of its code. */
    public static final int MAX_CLOSE_REASON = Opcode.MAX_CONTROL_PAYLOAD - 2;

    private WsEncoder() {}

    /** The length of a server frame's header for a payload of {@code length} bytes: 2, 4 or 10. */
    public static int headerLength(int length) {
        return length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    }

    /** Writes a server frame's header at {@code dst[at]}; returns its length ({@link #headerLength}). */
    public static int writeHeader(byte[] dst, int at, int opcode, int length) {
        dst[at] = (byte) (0x80 | opcode);
        if (length < 126) {
            dst[at + 1] = (byte) length;
            return 2;
        }
        if (length <= 0xFFFF) {
            dst[at + 1] = 126;
            dst[at + 2] = (byte) (length >>> 8);
            dst[at + 3] = (byte) length;
            return 4;
        }
        dst[at + 1] = 127;
        for (int i = 0; i < 8; i++) {
            dst[at + 2 + i] = (byte) (i < 4 ? 0 : length >>> (8 * (7 - i)));
        }
        return 10;
    }

    /** A whole server frame: header and payload. */
    public static byte[] frame(int opcode, byte[] payload, int off, int len) {
        byte[] frame = new byte[headerLength(len) + len];
        int h = writeHeader(frame, 0, opcode, len);
        System.arraycopy(payload, off, frame, h, len);
        return frame;
    }

    /** A server's close frame; the reason is cut to {@link #MAX_CLOSE_REASON} bytes, at a character's start. */
    public static byte[] close(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int len = Math.min(text.length, MAX_CLOSE_REASON);
        while (len < text.length && len > 0 && (text[len] & 0xC0) == 0x80) {
            len--; // never cut a character in two: the client would fail the connection (1007)
        }
        byte[] payload = new byte[2 + len];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, len);
        return frame(Opcode.CLOSE, payload, 0, payload.length);
    }

    /** A client frame, masked with {@code key} (4 bytes); {@code fin} false for a fragment that more follow. */
    public static byte[] masked(int opcode, boolean fin, byte[] payload, int off, int len, byte[] key) {
        int h = headerLength(len);
        byte[] frame = new byte[h + 4 + len];
        writeHeader(frame, 0, opcode, len);
        if (!fin) {
            frame[0] &= 0x7F;
        }
        frame[1] |= (byte) 0x80;
        System.arraycopy(key, 0, frame, h, 4);
        for (int i = 0; i < len; i++) {
            frame[h + 4 + i] = (byte) (payload[off + i] ^ key[i & 3]);
        }
        return frame;
    }
}

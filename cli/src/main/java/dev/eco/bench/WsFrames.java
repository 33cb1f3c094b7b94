package dev.eco.bench;

import dev.eco.protocol.ws.Opcode;
import dev.eco.protocol.ws.WsEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The WebSocket mode's messages: each payload in one masked text frame, as a client must send it, and its echo
 * expected in one unmasked text frame, as a server sends it. The masking key is drawn once per worker, not per
 * frame as RFC 6455 asks of browsers: the key guards proxies' caches, and a load generator on a loopback has
 * none; the server unmasks every byte all the same.
 */
final class WsFrames implements StreamFormat {

    private final Payload payload;
    private final byte[] key = new byte[4];
    private final byte[] replyHeader;
    private final int sentHeader;

    WsFrames(Payload payload) {
        this.payload = payload;
        SecureRandom random = new SecureRandom();
        do {
            random.nextBytes(key);
        } while (key[0] == 0 && key[1] == 0 && key[2] == 0 && key[3] == 0); // a zero key would mask nothing
        int n = payload.size();
        replyHeader = new byte[WsEncoder.headerLength(n)];
        WsEncoder.writeHeader(replyHeader, 0, Opcode.TEXT, n);
        sentHeader = replyHeader.length + 4;
    }

    /** The HTTP request that upgrades a connection to {@code host} (as the Host header gives it). */
    static byte[] upgradeRequest(String host) {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        return ("GET / HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Adds what was read of the response to the upgrade; true once it is a whole {@code 101}. Anything else fails
     * the connection with the status line the server sent.
     */
    static boolean upgraded(StringBuilder response, ByteBuffer read) throws IOException {
        while (read.hasRemaining()) {
            response.append((char) (read.get() & 0xFF));
        }
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String status = response.substring(0, response.indexOf("\r\n"));
        if (!status.startsWith("HTTP/1.1 101") || end + 4 != response.length()) {
            throw new IOException(
                    "no WebSocket upgrade, the server answered '" + status + "': is it a WebSocket port?");
        }
        return true;
    }

    @Override
    public int sentSize() {
        return sentHeader + payload.size();
    }

    @Override
    public int replySize() {
        return replyHeader.length + payload.size();
    }

    @Override
    public void write(byte[] dst, int pos, int conn, long seq, byte[] id) {
        WsEncoder.writeHeader(dst, pos, Opcode.TEXT, payload.size());
        dst[pos + 1] |= (byte) 0x80; // masked
        System.arraycopy(key, 0, dst, pos + replyHeader.length, 4);
        int at = pos + sentHeader;
        payload.write(dst, at, conn, seq, id);
        for (int i = 0; i < payload.size(); i++) {
            dst[at + i] ^= key[i & 3];
        }
    }

    @Override
    public byte expected(byte[] id, int offset) {
        return offset < replyHeader.length ? replyHeader[offset] : payload.expected(id, offset - replyHeader.length);
    }
}

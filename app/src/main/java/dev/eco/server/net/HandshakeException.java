package dev.eco.server.net;

import java.io.IOException;

/**
 * A connection's transport handshake failed or did not finish in time (TLS: plain text on the port, a
 * protocol version or certificate the peer refused, a client that never finished). Routine, like a peer
 * that went away: the connection ends as {@code HANDSHAKE} with one DEBUG line, no stack trace.
 */
public final class HandshakeException extends IOException {

    public HandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}

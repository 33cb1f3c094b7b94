package dev.eco.server.net;

import dev.eco.server.ServerMetrics.Close;
import java.io.IOException;

/**
 * A fault ended the connection, or ended a connection it held: the write or the wait that threw it goes no
 * further. {@code graceful}: the connection is closed the usual way (FIN, the client's input read away), not
 * by force.
 */
final class FaultCut extends IOException {

    private final Close reason;
    private final boolean graceful;

    FaultCut(String message, Close reason, boolean graceful) {
        super(message);
        this.reason = reason;
        this.graceful = graceful;
    }

    Close reason() {
        return reason;
    }

    boolean graceful() {
        return graceful;
    }
}

package dev.eco.server;

import dev.eco.server.ServerMetrics.ListenerKind;
import java.util.Locale;

/**
 * A server's long-lived loops, each on a thread of its own: the accept loop of each TCP listener, the UDP
 * loop and the sweeper of idle, stuck and slow connections. Each survives what one connection or datagram can
 * cause; one that ends anyway is reported by {@link EcoServer#health()} and {@link ServerMetrics#loopEnded}.
 */
public enum ServerLoop {
    ACCEPT_TCP,
    ACCEPT_RAW,
    ACCEPT_TLS,
    ACCEPT_WS,
    ACCEPT_WSS,
    UDP,
    SWEEPER;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The name in {@code /health} and in the {@code loop} label of the metric: {@code accept_tcp}, {@code sweeper}. */
    public String label() {
        return label;
    }

    /** The accept loop of a TCP listener. */
    public static ServerLoop accepting(ListenerKind listener) {
        return switch (listener) {
            case TCP -> ACCEPT_TCP;
            case RAW -> ACCEPT_RAW;
            case TLS -> ACCEPT_TLS;
            case WS -> ACCEPT_WS;
            case WSS -> ACCEPT_WSS;
            case UDP -> throw new IllegalArgumentException("UDP has no accept loop");
        };
    }
}

package dev.eco.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The checks of {@link ServerConfig}: each failure is one sentence that names the {@code eco serve} option. */
final class ConfigRules {

    private ConfigRules() {}

    /**
     * Every port is 0 to 65535 (0: a free one), the optional ones may be {@link ServerConfig#OFF}, UDP may be
     * {@link ServerConfig#SAME}; two TCP listeners never share a fixed port.
     */
    static void requirePorts(int port, int udpPort, int rawPort, int tlsPort) {
        requirePort("--port", port, false);
        if (udpPort != ServerConfig.SAME) {
            requirePort("--udp-port", udpPort, true);
        }
        requirePort("--raw-port", rawPort, true);
        requirePort("--tls-port", tlsPort, true);
        if (rawPort == port && port != 0) {
            throw new IllegalArgumentException("--raw-port must differ from --port");
        }
        if (tlsPort != ServerConfig.OFF && tlsPort != 0 && (tlsPort == port || tlsPort == rawPort)) {
            throw new IllegalArgumentException("--tls-port must differ from --port and --raw-port");
        }
    }

    /**
     * The WebSocket listeners' ports: 0 to 65535 or off, never the fixed port of another TCP listener; each
     * origin is {@code *} or {@code http(s)://HOST[:PORT]}, as a browser sends it.
     */
    static void requireWebSocket(int port, int rawPort, int tlsPort, int wsPort, int wssPort, List<String> origins) {
        requirePort("--ws-port", wsPort, true);
        requirePort("--wss-port", wssPort, true);
        List<Integer> others = List.of(port, rawPort, tlsPort);
        if (fixed(wsPort) && (others.contains(wsPort) || wsPort == wssPort)) {
            throw new IllegalArgumentException("--ws-port must differ from the other TCP ports");
        }
        if (fixed(wssPort) && others.contains(wssPort)) {
            throw new IllegalArgumentException("--wss-port must differ from the other TCP ports");
        }
        for (String origin : origins) {
            if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("--ws-origins: '" + origin
                        + "' is not an origin: use the form https://chat.example.org or http://localhost:8080, or *");
            }
        }
    }

    private static final Pattern ORIGIN = Pattern.compile("https?://[^/\\s?#@]+", Pattern.CASE_INSENSITIVE);

    private static boolean fixed(int port) {
        return port != ServerConfig.OFF && port != 0;
    }

    static void requirePort(String option, int port, boolean mayBeOff) {
        if ((port < 0 || port > 65_535) && !(mayBeOff && port == ServerConfig.OFF)) {
            throw new IllegalArgumentException(
                    option + " must be 0 to 65535" + (mayBeOff ? " or off" : "") + ", not " + port);
        }
    }

    static void requireAtLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", not " + value);
        }
    }

    static void requireNotNegative(String option, Duration value) {
        Objects.requireNonNull(value, option);
        if (value.isNegative()) {
            throw new IllegalArgumentException(option + " must not be negative");
        }
    }

    static void requirePositive(String option, Duration value) {
        Objects.requireNonNull(value, option);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(option + " must be more than 0");
        }
    }
}

package dev.eco.cli;

import dev.eco.protocol.Limits;
import dev.eco.server.ServerConfigBuilder;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The connection limits and timeouts of {@code eco serve}: what one client may hold and for how long. */
final class ServeLimits {

    @Option(
            names = "--max-connections",
            paramLabel = "N",
            defaultValue = "${env:ECO_MAX_CONNECTIONS:-10000}",
            converter = Options.PositiveInt.class,
            description = "Open TCP connections at most, every listener's together; one more line connection is told"
                    + " server_full and closed, a WebSocket one answered 503, a raw one just closed"
                    + " (env ECO_MAX_CONNECTIONS).")
    private int maxConnections;

    @Option(
            names = "--max-connections-per-address",
            paramLabel = "N",
            defaultValue = "${env:ECO_MAX_CONNECTIONS_PER_ADDRESS:-1000}",
            converter = Options.NonNegativeInt.class,
            description = "Open TCP connections at most from one client address, so that one client cannot take"
                    + " them all; one more is told server_full like the others; 0 for no such cap"
                    + " (env ECO_MAX_CONNECTIONS_PER_ADDRESS).")
    private int maxConnectionsPerAddress;

    @Option(
            names = "--max-frame",
            paramLabel = "BYTES",
            defaultValue = "${env:ECO_MAX_FRAME:-65536}",
            converter = Options.PositiveInt.class,
            description = "Longest frame (a line, or a WebSocket message) in bytes; a longer one is answered"
                    + " frame_too_long and the connection goes on (env ECO_MAX_FRAME).")
    private int maxFrame;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            defaultValue = "${env:ECO_IDLE_TIMEOUT:-5m}",
            converter = Options.Time.class,
            description = "Close a connection with no traffic either way this long (a line connection is told"
                    + " idle_timeout, a raw one just closed); 0 for never. Durations: 300ms, 30s, 5m, 1h"
                    + " (env ECO_IDLE_TIMEOUT).")
    private Duration idleTimeout;

    @Option(
            names = "--frame-timeout",
            paramLabel = "DURATION",
            defaultValue = "${env:ECO_FRAME_TIMEOUT:-30s}",
            converter = Options.Time.class,
            description = "Close a line connection whose frame has begun and not ended (no LF) this long after its"
                    + " first byte, however often more of it arrives; it is told frame_timeout. 0 for never"
                    + " (env ECO_FRAME_TIMEOUT).")
    private Duration frameTimeout;

    @Option(
            names = "--write-timeout",
            paramLabel = "DURATION",
            defaultValue = "${env:ECO_WRITE_TIMEOUT:-10s}",
            converter = Options.Time.class,
            description = "Close a connection whose client has read nothing of what it is sent for this long;"
                    + " 0 for never (env ECO_WRITE_TIMEOUT).")
    private Duration writeTimeout;

    @Option(
            names = "--shutdown-grace",
            paramLabel = "DURATION",
            defaultValue = "${env:ECO_SHUTDOWN_GRACE:-5s}",
            converter = Options.Time.class,
            description =
                    "On SIGINT/SIGTERM, how long connections may drain before they are closed (env ECO_SHUTDOWN_GRACE).")
    private Duration shutdownGrace;

    @Option(
            names = "--udp-rate",
            paramLabel = "N",
            defaultValue = "${env:ECO_UDP_RATE:-1000}",
            converter = Options.NonNegativeInt.class,
            description = "UDP datagrams answered per second per source address (burst twice that); 0 for no limit"
                    + " (env ECO_UDP_RATE).")
    private int udpRate;

    @Option(
            names = "--backlog",
            paramLabel = "N",
            defaultValue = "${env:ECO_BACKLOG:-4096}",
            converter = Options.PositiveInt.class,
            description = "Accept queue of the listening sockets (env ECO_BACKLOG).")
    private int backlog;

    void applyTo(ServerConfigBuilder builder) {
        builder.maxConnections(maxConnections)
                .maxConnectionsPerAddress(maxConnectionsPerAddress)
                .limits(Limits.DEFAULT.withMaxFrameBytes(maxFrame))
                .idleTimeout(idleTimeout)
                .frameTimeout(frameTimeout)
                .writeTimeout(writeTimeout)
                .shutdownGrace(shutdownGrace)
                .backlog(backlog)
                .udpRate(udpRate, twice(udpRate));
    }

    /** A burst of twice the rate, at least 1, without overflow. */
    static int twice(int rate) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, 2L * rate));
    }
}

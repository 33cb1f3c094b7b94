package dev.eco.cli;

import dev.eco.server.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The metrics endpoint of {@code eco serve}: off by default, on loopback when asked. */
final class ServeMetrics {

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT|off",
            defaultValue = "${env:ECO_METRICS_PORT:-off}",
            converter = Options.OptionalPort.class,
            description = "HTTP port serving GET /metrics (Prometheus text format), GET /health (200, 503 while"
                    + " draining) and /faults (see --fault-admin); 0 for a free one, 'off' for none"
                    + " (env ECO_METRICS_PORT).")
    private Integer port;

    @Option(
            names = "--metrics-host",
            paramLabel = "ADDRESS",
            defaultValue = "${env:ECO_METRICS_HOST:-127.0.0.1}",
            description =
                    "Address the metrics port binds; 0.0.0.0 and :: both mean every IPv4 and IPv6 address here, as"
                            + " the JDK's HTTP server has no IPv4-only wildcard (env ECO_METRICS_HOST).")
    private String host;

    /** Usage errors: 'same', or the number of another listener. */
    void check(CommandLine commandLine, int linePort, Integer rawPort) {
        if (port == null) {
            throw new ParameterException(commandLine, "--metrics-port cannot be 'same': use a port number, 0 or off");
        }
        if (port > 0 && (port == linePort || port.equals(rawPort))) {
            throw new ParameterException(commandLine, "--metrics-port must differ from --port and --raw-port");
        }
    }

    /** The port, or {@link ServerConfig#OFF}. */
    int port() {
        return port;
    }

    String host() {
        return host;
    }
}

package dev.eco.cli;

import dev.eco.server.ServerConfig;
import dev.eco.server.ServerConfigBuilder;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The WebSocket options of {@code eco serve}: the ports of ws:// and wss://, and the origins allowed. */
final class ServeWebSocket {

    @Option(
            names = "--ws-port",
            paramLabel = "PORT|off",
            defaultValue = "${env:ECO_WS_PORT:-off}",
            converter = Options.OptionalPort.class,
            description =
                    "WebSocket at ws://HOST:PORT/ (the line protocol, one message a frame, the same rooms) and the"
                            + " chat page at http://HOST:PORT/; 0 for a free port, 'off' for none (env ECO_WS_PORT).")
    private Integer port;

    @Option(
            names = "--wss-port",
            paramLabel = "PORT|off",
            defaultValue = "${env:ECO_WSS_PORT:-off}",
            converter = Options.OptionalPort.class,
            description = "The same over TLS (wss://, https://), with the key of --tls-keystore or --tls-self-signed;"
                    + " 'off' for none (env ECO_WSS_PORT).")
    private Integer securePort;

    @Option(
            names = "--ws-origins",
            paramLabel = "ORIGIN",
            defaultValue = "${env:ECO_WS_ORIGINS}",
            split = ",",
            description =
                    "Origins of web pages allowed to open a WebSocket, e.g. https://chat.example.org, or * for any;"
                            + " eco's own page and clients that send no Origin always are. Any other page gets 403"
                            + " (env ECO_WS_ORIGINS).")
    private List<String> origins;

    /** Whether a listener needs the TLS key. */
    boolean secure() {
        return securePort != null && securePort != ServerConfig.OFF;
    }

    void check(CommandLine cli) {
        if (port == null || securePort == null) {
            throw new ParameterException(
                    cli,
                    (port == null ? "--ws-port" : "--wss-port") + " cannot be 'same': the line listener has that port");
        }
    }

    void applyTo(ServerConfigBuilder builder) {
        builder.wsPort(port).wssPort(securePort).wsOrigins(origins == null ? List.of() : origins);
    }
}

package dev.eco.cli;

import dev.eco.chat.Rooms;
import dev.eco.nats.NatsSettings;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerConfigBuilder;
import dev.eco.server.ServerMetrics;
import dev.eco.server.tls.ServerKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eco serve}: runs the server until SIGINT or SIGTERM, then drains and exits 0. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Runs the eco server: the line protocol on TCP, the UDP echo and optionally a raw RFC 862 TCP echo, the"
                    + " line protocol over TLS, and over WebSocket with a chat page for browsers.",
            "Prints one `eco listening KIND HOST:PORT` line per listener on standard output when ready; logs go to"
                    + " standard error, warnings only unless -v or --log-level asks for more.",
            "Each option may also be set by the environment variable shown, e.g. ECO_PORT=7000."
        },
        sortOptions = false,
        showDefaultValues = true)
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-H", "--host"},
            paramLabel = "ADDRESS",
            defaultValue = "${env:ECO_HOST:-127.0.0.1}",
            description = "Address to bind: 0.0.0.0 for every IPv4 address, :: for every IPv4 and IPv6 address (env"
                    + " ECO_HOST).")
    private String host;

    @Option(
            names = {"-p", "--port"},
            paramLabel = "PORT",
            defaultValue = "${env:ECO_PORT:-9999}",
            converter = Options.Port.class,
            description = "TCP port of the line protocol; 0 picks a free one (env ECO_PORT).")
    private int port;

    @Option(
            names = "--udp-port",
            paramLabel = "PORT|same|off",
            defaultValue = "${env:ECO_UDP_PORT:-same}",
            converter = Options.OptionalPort.class,
            description =
                    "UDP echo port; 'same' as --port (with --port 0, the number TCP got if it is free for UDP too,"
                            + " else another free one), 0 for a free one, 'off' for no UDP (env ECO_UDP_PORT).")
    private Integer udpPort;

    @Option(
            names = "--raw-port",
            paramLabel = "PORT|off",
            defaultValue = "${env:ECO_RAW_PORT:-off}",
            converter = Options.OptionalPort.class,
            description = "Raw RFC 862 TCP echo port (every byte back, no framing); 'off' for none (env ECO_RAW_PORT).")
    private Integer rawPort;

    @Option(
            names = "--greeting",
            paramLabel = "TEXT",
            defaultValue = "${env:ECO_GREETING}",
            description = "A line sent to each line connection when it opens; none by default (env ECO_GREETING).")
    private String greeting;

    @Mixin
    private ServeLimits limits;

    @Mixin
    private ServeChat chat;

    @Mixin
    private ServeMetrics metrics;

    @Mixin
    private ServeTls tls = new ServeTls();

    @Mixin
    private ServeWebSocket ws = new ServeWebSocket();

    @Mixin
    private ServeFaults faults;

    @Mixin
    private ServeLogging logging;

    @Mixin
    private NatsOptions nats;

    @Override
    public Integer call() throws Exception {
        if (rawPort == null) {
            throw new ParameterException(
                    spec.commandLine(), "--raw-port cannot be 'same': the line listener has that port");
        }
        metrics.check(spec.commandLine(), port, rawPort);
        if (rawPort != ServerConfig.OFF && rawPort != 0 && rawPort == port) {
            throw new ParameterException(spec.commandLine(), "--raw-port must differ from --port");
        }
        ws.check(spec.commandLine());
        tls.check(spec.commandLine(), ws.secure());
        logging.configure();
        ServerConfigBuilder builder = ServerConfig.builder()
                .host(host)
                .port(port)
                .udpPort(udpPort == null ? ServerConfig.SAME : udpPort)
                .rawPort(rawPort)
                .greeting(greeting);
        ws.applyTo(builder);
        NatsSettings natsSettings;
        try {
            limits.applyTo(builder);
            faults.applyTo(builder);
            builder.chat(chat.limits());
            natsSettings = nats.enabled() ? nats.settings() : null;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ServerKeys keys = tls.apply(builder, ws.secure());
        ServerConfig config;
        try {
            config = builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Rooms.Factory rooms = nats.rooms(natsSettings);
        ServedWithMetrics server = ServedWithMetrics.start(
                config, metrics.port(), metrics.host(), faults.admin(), (c, counting) -> start(c, counting, rooms));
        Signals.onTermination(server::close);
        PrintWriter out = spec.commandLine().getOut();
        server.listeningLines().forEach(out::println);
        if (keys != null) {
            out.println(keys.fingerprintLine());
        }
        server.pageLines().forEach(out::println);
        out.flush();
        server.awaitClosed();
        return 0;
    }

    /** Binds, turning the usual failures into a sentence for the person who ran the command. */
    private static EcoServer start(ServerConfig config, ServerMetrics metrics, Rooms.Factory rooms) throws IOException {
        try {
            return EcoServer.start(config, metrics, rooms);
        } catch (UnknownHostException e) {
            throw new IOException("cannot listen on host '" + config.host() + "': no such address", e);
        } catch (BindException e) {
            throw new IOException(e.getMessage(), e); // the server's sentence: --udp-port 7001 is in use
        }
    }
}

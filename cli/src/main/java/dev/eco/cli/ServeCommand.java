package dev.eco.cli;

import dev.eco.protocol.Limits;
import dev.eco.chat.ChatLimits;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerMetrics;
import dev.eco.server.tls.ServerKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import dev.eco.chat.Rooms;
import dev.eco.nats.NatsSettings;
import dev.eco.server.ServerMetrics;
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
            "Runs the eco server: the line protocol on TCP, the UDP echo and optionally a raw RFC 862 TCP echo and the"
                    + " line protocol over TLS.",
            "Prints one `eco listening KIND HOST:PORT` line per listener when ready; logs go to standard error,"
                    + " warnings only unless -v or --log-level asks for more.",
            "Each option may also be set by the environment variable shown, e.g. ECO_PORT=7000."
        },
        sortOptions = false,
        showDefaultValues = true)
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-H", "--host"}, paramLabel = "ADDRESS", defaultValue = "${env:ECO_HOST:-127.0.0.1}",
            description = "Address to bind; 0.0.0.0 or :: for every interface (env ECO_HOST).")
    private String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "${env:ECO_PORT:-9999}", converter = Options.Port.class,
            description = "TCP port of the line protocol; 0 picks a free one (env ECO_PORT).")
    private int port;

    @Option(names = "--udp-port", paramLabel = "PORT|same|off", defaultValue = "${env:ECO_UDP_PORT:-same}",
            converter = Options.OptionalPort.class,
            description = "UDP echo port; 'same' as --port (with --port 0, the number TCP got if it is free for UDP too,"
                    + " else another free one), 0 for a free one, 'off' for no UDP (env ECO_UDP_PORT).")
    private Integer udpPort;

    @Option(names = "--raw-port", paramLabel = "PORT|off", defaultValue = "${env:ECO_RAW_PORT:-off}",
            converter = Options.OptionalPort.class,
            description = "Raw RFC 862 TCP echo port (every byte back, no framing); 'off' for none (env ECO_RAW_PORT).")
    private Integer rawPort;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "${env:ECO_MAX_CONNECTIONS:-10000}",
            converter = Options.PositiveInt.class,
            description = "Open TCP connections at most, line and raw together; one more line connection is told"
                    + " server_full and closed, a raw one just closed (env ECO_MAX_CONNECTIONS).")
    private int maxConnections;

    @Option(names = "--max-frame", paramLabel = "BYTES", defaultValue = "${env:ECO_MAX_FRAME:-65536}",
            converter = Options.PositiveInt.class,
            description = "Longest frame in bytes; a longer one is answered frame_too_long (env ECO_MAX_FRAME).")
    private int maxFrame;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "${env:ECO_IDLE_TIMEOUT:-5m}",
            converter = Options.Time.class,
            description = "Close a connection with no traffic either way this long (a line connection is told"
                    + " idle_timeout, a raw one just closed); 0 for never. Durations: 300ms, 30s, 5m, 1h"
                    + " (env ECO_IDLE_TIMEOUT).")
    private Duration idleTimeout;

    @Option(names = "--write-timeout", paramLabel = "DURATION", defaultValue = "${env:ECO_WRITE_TIMEOUT:-10s}",
            converter = Options.Time.class,
            description = "Close a connection whose client has read nothing of what it is sent for this long;"
                    + " 0 for never (env ECO_WRITE_TIMEOUT).")
    private Duration writeTimeout;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "${env:ECO_SHUTDOWN_GRACE:-5s}",
            converter = Options.Time.class,
            description = "On SIGINT/SIGTERM, how long connections may drain before they are closed (env ECO_SHUTDOWN_GRACE).")
    private Duration shutdownGrace;

    @Option(names = "--greeting", paramLabel = "TEXT", defaultValue = "${env:ECO_GREETING}",
            description = "A line sent to each line connection when it opens; none by default (env ECO_GREETING).")
    private String greeting;

    @Option(names = "--udp-rate", paramLabel = "N", defaultValue = "${env:ECO_UDP_RATE:-1000}",
            converter = Options.NonNegativeInt.class,
            description = "UDP datagrams answered per second per source address (burst twice that); 0 for no limit"
                    + " (env ECO_UDP_RATE).")
    private int udpRate;

    @Option(names = "--max-pending", paramLabel = "FRAMES", defaultValue = "${env:ECO_MAX_PENDING:-1000}",
            converter = Options.PositiveInt.class,
            description = "Frames queued for one chat connection at most; one more and it is told slow_consumer"
                    + " and disconnected (env ECO_MAX_PENDING).")
    private int maxPending;

    @Option(names = "--max-pending-bytes", paramLabel = "BYTES", defaultValue = "${env:ECO_MAX_PENDING_BYTES:-1048576}",
            converter = Options.PositiveInt.class,
            description = "The same bound in bytes (env ECO_MAX_PENDING_BYTES).")
    private int maxPendingBytes;

    @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "${env:ECO_RATE_LIMIT:-50}",
            converter = Options.NonNegativeInt.class,
            description = "Chat frames (room messages, nick, join, leave) per second per connection, burst twice that;"
                    + " one more is answered rate_limited and not delivered; 0 for no limit. Echo is never limited"
                    + " (env ECO_RATE_LIMIT).")
    private int rateLimit;

    @Option(names = "--max-rooms", paramLabel = "N", defaultValue = "${env:ECO_MAX_ROOMS:-1000}",
            converter = Options.PositiveInt.class,
            description = "Chat rooms at most (env ECO_MAX_ROOMS).")
    private int maxRooms;

    @Option(names = "--max-room-members", paramLabel = "N", defaultValue = "${env:ECO_MAX_ROOM_MEMBERS:-1000}",
            converter = Options.PositiveInt.class,
            description = "Members of one room at most (env ECO_MAX_ROOM_MEMBERS).")
    private int maxRoomMembers;

    @Option(names = "--backlog", paramLabel = "N", defaultValue = "${env:ECO_BACKLOG:-4096}",
            converter = Options.PositiveInt.class,
            description = "Accept queue of the listening sockets (env ECO_BACKLOG).")
    private int backlog;

    @Option(names = "--metrics-port", paramLabel = "PORT|off", defaultValue = "${env:ECO_METRICS_PORT:-off}",
            converter = Options.OptionalPort.class,
            description = "HTTP port serving GET /metrics (Prometheus text format) and GET /health (200, 503 while"
                    + " draining); 0 for a free one, 'off' for none (env ECO_METRICS_PORT).")
    private Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "ADDRESS", defaultValue = "${env:ECO_METRICS_HOST:-127.0.0.1}",
            description = "Address the metrics port binds (env ECO_METRICS_HOST).")
    private String metricsHost;

    @Mixin
    private ServeTls tls = new ServeTls();

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:ECO_LOG_LEVEL:-warn}",
            converter = Options.LogLevel.class,
            description = "trace, debug, info, warn, error or off (env ECO_LOG_LEVEL).")
    private String logLevel;

    @Option(names = {"-v", "--verbose"}, description = "More log: -v info (start, stop, refusals), -vv debug, -vvv trace.")
    private boolean[] verbose = new boolean[0];

    @Option(names = "--log-connections", defaultValue = "${env:ECO_LOG_CONNECTIONS:-false}",
            description = "Log each connection's open and close, whatever the log level (env ECO_LOG_CONNECTIONS).")
    private boolean logConnections;

    @Mixin
    private NatsOptions nats;

    @Override
    public Integer call() throws Exception {
        if (rawPort == null) {
            throw new ParameterException(spec.commandLine(), "--raw-port cannot be 'same': the line listener has that port");
        }
        if (metricsPort == null) {
            throw new ParameterException(spec.commandLine(), "--metrics-port cannot be 'same': use a port number, 0 or off");
        }
        if (metricsPort > 0 && (metricsPort == port || metricsPort.equals(rawPort))) {
            throw new ParameterException(spec.commandLine(), "--metrics-port must differ from --port and --raw-port");
        }
        if (rawPort != ServerConfig.OFF && rawPort != 0 && rawPort == port) {
            throw new ParameterException(spec.commandLine(), "--raw-port must differ from --port");
        }
        tls.check(spec.commandLine());
        Logging.configure(Logging.louder(logLevel, verbose.length), logConnections);
        ServerConfig.Builder builder;
        NatsSettings natsSettings;
        try {
            natsSettings = nats.enabled() ? nats.settings() : null;
            builder = ServerConfig.builder()
                    .host(host)
                    .port(port)
                    .udpPort(udpPort == null ? ServerConfig.SAME : udpPort)
                    .rawPort(rawPort)
                    .maxConnections(maxConnections)
                    .limits(Limits.DEFAULT.withMaxFrameBytes(maxFrame))
                    .idleTimeout(idleTimeout)
                    .writeTimeout(writeTimeout)
                    .shutdownGrace(shutdownGrace)
                    .greeting(greeting)
                    .backlog(backlog)
                    .udpRate(udpRate, twice(udpRate))
                    .chat(new ChatLimits(maxPending, maxPendingBytes, rateLimit, twice(rateLimit), maxRooms,
                            maxRoomMembers));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ServerKeys keys = tls.apply(builder);
        ServerConfig config;
        try {
            config = builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Rooms.Factory rooms = nats.rooms(natsSettings);
        ServedWithMetrics server = ServedWithMetrics.start(config, metricsPort, metricsHost,
                (c, metrics) -> start(c, metrics, rooms));
        Signals.onTermination(server::close);
        PrintWriter out = spec.commandLine().getOut();
        server.listeningLines().forEach(out::println);
        if (keys != null) {
            out.println(keys.fingerprintLine());
        }
        out.flush();
        server.awaitClosed();
        return 0;
    }

    /** A burst of twice the rate, at least 1, without overflow. */
    private static int twice(int rate) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, 2L * rate));
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

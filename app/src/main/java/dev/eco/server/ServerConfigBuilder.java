package dev.eco.server;

import dev.eco.chat.ChatLimits;
import dev.eco.protocol.Limits;
import dev.eco.server.testing.FaultPlan;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Collects a {@link ServerConfig}'s settings, starting from the defaults of {@code eco serve}; {@link #build()}
 * validates them. Each setting is documented on {@link ServerConfig}, by the name of its {@code eco serve} option.
 */
public final class ServerConfigBuilder {
    private String host = ServerConfig.DEFAULT_HOST;
    private int port = ServerConfig.DEFAULT_PORT;
    private int udpPort = ServerConfig.SAME;
    private int rawPort = ServerConfig.OFF;
    private int maxConnections = ServerConfig.DEFAULT_MAX_CONNECTIONS;
    private int maxConnectionsPerAddress = ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    private Limits limits = Limits.DEFAULT;
    private Duration idleTimeout = ServerConfig.DEFAULT_IDLE_TIMEOUT;
    private Duration frameTimeout = ServerConfig.DEFAULT_FRAME_TIMEOUT;
    private Duration writeTimeout = ServerConfig.DEFAULT_WRITE_TIMEOUT;
    private Duration shutdownGrace = ServerConfig.DEFAULT_SHUTDOWN_GRACE;
    private String greeting;
    private int backlog = ServerConfig.DEFAULT_BACKLOG;
    private int udpRate = ServerConfig.DEFAULT_UDP_RATE;
    private int udpBurst = ServerConfig.DEFAULT_UDP_BURST;
    private ChatLimits chat = ChatLimits.DEFAULT;
    private int tlsPort = ServerConfig.OFF;
    private SSLContext tlsContext;
    private Duration tlsHandshakeTimeout = ServerConfig.DEFAULT_TLS_HANDSHAKE_TIMEOUT;
    private FaultPlan faults = FaultPlan.NONE;
    private int wsPort = ServerConfig.OFF;
    private int wssPort = ServerConfig.OFF;
    private List<String> wsOrigins = List.of();

    ServerConfigBuilder() {}

    ServerConfigBuilder(ServerConfig from) {
        host = from.host();
        port = from.port();
        udpPort = from.udpPort();
        rawPort = from.rawPort();
        maxConnections = from.maxConnections();
        maxConnectionsPerAddress = from.maxConnectionsPerAddress();
        limits = from.limits();
        idleTimeout = from.idleTimeout();
        frameTimeout = from.frameTimeout();
        writeTimeout = from.writeTimeout();
        shutdownGrace = from.shutdownGrace();
        greeting = from.greeting();
        backlog = from.backlog();
        udpRate = from.udpRate();
        udpBurst = from.udpBurst();
        chat = from.chat();
        tlsPort = from.tlsPort();
        tlsContext = from.tlsContext();
        tlsHandshakeTimeout = from.tlsHandshakeTimeout();
        faults = from.faults();
        wsPort = from.wsPort();
        wssPort = from.wssPort();
        wsOrigins = from.wsOrigins();
    }

    public ServerConfigBuilder host(String value) {
        host = value;
        return this;
    }

    public ServerConfigBuilder port(int value) {
        port = value;
        return this;
    }

    public ServerConfigBuilder udpPort(int value) {
        udpPort = value;
        return this;
    }

    public ServerConfigBuilder rawPort(int value) {
        rawPort = value;
        return this;
    }

    public ServerConfigBuilder maxConnections(int value) {
        maxConnections = value;
        return this;
    }

    public ServerConfigBuilder maxConnectionsPerAddress(int value) {
        maxConnectionsPerAddress = value;
        return this;
    }

    public ServerConfigBuilder limits(Limits value) {
        limits = value;
        return this;
    }
    /** {@code --max-frame}: the longest frame in bytes. */
    public ServerConfigBuilder maxFrame(int value) {
        limits = limits.withMaxFrameBytes(value);
        return this;
    }

    public ServerConfigBuilder idleTimeout(Duration value) {
        idleTimeout = value;
        return this;
    }

    public ServerConfigBuilder frameTimeout(Duration value) {
        frameTimeout = value;
        return this;
    }

    public ServerConfigBuilder writeTimeout(Duration value) {
        writeTimeout = value;
        return this;
    }

    public ServerConfigBuilder shutdownGrace(Duration value) {
        shutdownGrace = value;
        return this;
    }

    public ServerConfigBuilder greeting(String value) {
        greeting = value;
        return this;
    }

    public ServerConfigBuilder backlog(int value) {
        backlog = value;
        return this;
    }

    public ServerConfigBuilder udpRate(int value) {
        udpRate = value;
        return this;
    }

    public ServerConfigBuilder udpBurst(int value) {
        udpBurst = value;
        return this;
    }

    public ServerConfigBuilder chat(ChatLimits value) {
        chat = value;
        return this;
    }

    public ServerConfigBuilder tlsPort(int value) {
        tlsPort = value;
        return this;
    }

    public ServerConfigBuilder tlsContext(SSLContext value) {
        tlsContext = value;
        return this;
    }

    public ServerConfigBuilder tlsHandshakeTimeout(Duration value) {
        tlsHandshakeTimeout = value;
        return this;
    }

    /** The faults on at start, replacing any given before. */
    public ServerConfigBuilder faults(FaultPlan value) {
        faults = value;
        return this;
    }

    /**
     * {@code --fault}: adds the faults of this spec ({@code latency=200ms,jitter=50ms}) to those given before.
     *
     * @throws IllegalArgumentException with one sentence when the spec is wrong
     */
    public ServerConfigBuilder fault(String spec) {
        faults = faults.and(FaultPlan.parse(spec));
        return this;
    }

    public ServerConfigBuilder wsPort(int value) {
        wsPort = value;
        return this;
    }

    public ServerConfigBuilder wssPort(int value) {
        wssPort = value;
        return this;
    }

    public ServerConfigBuilder wsOrigins(List<String> value) {
        wsOrigins = value;
        return this;
    }

    /** TLS on {@code port} (0 for a free one) with this key and certificate. */
    public ServerConfigBuilder tls(int port, SSLContext context) {
        tlsPort = port;
        tlsContext = context;
        return this;
    }

    /** {@code --udp-rate} with its burst. */
    public ServerConfigBuilder udpRate(int perSecond, int burst) {
        udpRate = perSecond;
        udpBurst = burst;
        return this;
    }

    public ServerConfig build() {
        return new ServerConfig(
                host,
                port,
                udpPort,
                rawPort,
                maxConnections,
                maxConnectionsPerAddress,
                limits,
                idleTimeout,
                frameTimeout,
                writeTimeout,
                shutdownGrace,
                greeting,
                backlog,
                udpRate,
                udpBurst,
                chat,
                tlsPort,
                tlsContext,
                tlsHandshakeTimeout,
                faults,
                wsPort,
                wssPort,
                wsOrigins);
    }
}

package dev.eco.server;

import dev.eco.chat.ChatLimits;
import dev.eco.protocol.Limits;
import dev.eco.server.testing.FaultPlan;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Everything a server needs to start, each setting named after its {@code eco serve} option, with its
 * default; {@link #defaults()} gives the values of {@code eco serve}, {@link #forTests()} the same on free ports.
 *
 * @param host           {@code --host}: address to bind, a name or literal; {@code 0.0.0.0} for every IPv4
 *                       address, {@code ::} for every IPv4 and IPv6 address (default 127.0.0.1)
 * @param port           {@code --port}: the line protocol's TCP port; 0 picks a free one (default 9999)
 * @param udpPort        {@code --udp-port}: the UDP echo port; {@link #SAME} as {@code port} (tried first
 *                       even when {@code port} is 0, a free one if that number is taken), 0 for a free one,
 *                       {@link #OFF} for no UDP (default same)
 * @param rawPort        {@code --raw-port}: the raw RFC 862 TCP echo port, 0 for a free one, {@link #OFF} for
 *                       none (default off); never the same as {@code port}
 * @param maxConnections {@code --max-connections}: open TCP connections at most, every listener's together
 *                       (line, raw, TLS, WebSocket); one more is told {@code server_full} (a WebSocket one with
 *                       503) and closed (default 10,000)
 * @param maxConnectionsPerAddress {@code --max-connections-per-address}: open TCP connections at most from one
 *                       source address, so that one client cannot hold them all; one more is told
 *                       {@code server_full} (a WebSocket one with 503) and closed; 0 for no such cap (default 1,000)
 * @param limits         the protocol limits, {@code --max-frame} among them (default {@link Limits#DEFAULT})
 * @param idleTimeout    {@code --idle-timeout}: a connection with no traffic either way this long is ended (a
 *                       line connection is told {@code idle_timeout}); zero means never (default 5 minutes)
 * @param frameTimeout   {@code --frame-timeout}: a line connection whose frame has begun and not ended (no LF)
 *                       this long after its first byte is told {@code frame_timeout} and closed, however
 *                       often bytes of it arrive; zero means never (default 30 s)
 * @param writeTimeout   {@code --write-timeout}: a connection whose write has been blocked this long (its client
 *                       reads nothing) is closed; zero means never (default 10 s)
 * @param shutdownGrace  {@code --shutdown-grace}: how long shutdown waits for connections to drain before it
 *                       closes them by force (default 5 s)
 * @param greeting       {@code --greeting}: a line sent to each line connection when it opens, or null (default none)
 * @param backlog        {@code --backlog}: the listening sockets' accept queue; Java's default of 50 drops
 *                       bursts of connects (default 4096)
 * @param udpRate        {@code --udp-rate}: datagrams per second answered per source address, 0 for no limit
 *                       (default 1,000)
 * @param udpBurst       datagrams a source address may send at once above that rate (default 2,000)
 * @param chat           the limits of chat rooms and of each member's queue (default {@link ChatLimits#DEFAULT})
 * @param tlsPort        {@code --tls-port}: the line protocol over TLS 1.3/1.2, 0 for a free one, {@link #OFF} for
 *                       none (default off); needs {@code tlsContext}
 * @param tlsContext     the server's key and certificate ({@code --tls-keystore} or {@code --tls-self-signed}),
 *                       or null when TLS is off
 * @param tlsHandshakeTimeout {@code --tls-handshake-timeout}: a TLS client that has not finished its handshake
 *                       this long after connecting is closed, counted as {@code HANDSHAKE} (default 10 s)
 * @param faults         {@code --fault}: the faults on at start, which {@link EcoServer#faults()} changes while it
 *                       runs (default {@link FaultPlan#NONE}; docs/testing.md)
 * @param wsPort         {@code --ws-port}: WebSocket ({@code ws://HOST:PORT/}, the line protocol message by message)
 *                       and the chat page, 0 for a free port, {@link #OFF} for none (default off)
 * @param wssPort        {@code --wss-port}: the same over TLS ({@code wss://}), with the TLS listener's key; 0 for
 *                       a free port, {@link #OFF} for none (default off); needs {@code tlsContext}
 * @param wsOrigins      {@code --ws-origins}: the origins ({@code https://chat.example.org}) whose pages may open a
 *                       WebSocket besides eco's own page and clients that send no Origin; {@code *} for any
 *                       (default none); any other page's upgrade is refused with 403
 */
public record ServerConfig(
        String host,
        int port,
        int udpPort,
        int rawPort,
        int maxConnections,
        int maxConnectionsPerAddress,
        Limits limits,
        Duration idleTimeout,
        Duration frameTimeout,
        Duration writeTimeout,
        Duration shutdownGrace,
        String greeting,
        int backlog,
        int udpRate,
        int udpBurst,
        ChatLimits chat,
        int tlsPort,
        SSLContext tlsContext,
        Duration tlsHandshakeTimeout,
        FaultPlan faults,
        int wsPort,
        int wssPort,
        List<String> wsOrigins) {

    /** A port value that turns a listener off. */
    public static final int OFF = -1;
    /** A {@code udpPort} value: the same number as the TCP port. */
    public static final int SAME = -2;

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9999;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** A tenth of the default {@code --max-connections}: room for many clients behind one NAT address. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 1_000;

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** Far longer than any line takes to arrive, even typed; far shorter than the idle timeout. */
    public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(30);

    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);
    public static final int DEFAULT_BACKLOG = 4096;
    public static final int DEFAULT_UDP_RATE = 1_000;
    public static final int DEFAULT_UDP_BURST = 2_000;
    public static final Duration DEFAULT_TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(faults, "faults");
        ConfigRules.requirePorts(port, udpPort, rawPort, tlsPort);
        ConfigRules.requireAtLeast("--max-connections", maxConnections, 1);
        ConfigRules.requireAtLeast("--max-connections-per-address", maxConnectionsPerAddress, 0);
        ConfigRules.requireAtLeast("--backlog", backlog, 1);
        ConfigRules.requireAtLeast("--udp-rate", udpRate, 0);
        ConfigRules.requireAtLeast("udpBurst", udpBurst, 1);
        ConfigRules.requireNotNegative("--idle-timeout", idleTimeout);
        ConfigRules.requireNotNegative("--frame-timeout", frameTimeout);
        ConfigRules.requireNotNegative("--write-timeout", writeTimeout);
        ConfigRules.requireNotNegative("--shutdown-grace", shutdownGrace);
        ConfigRules.requirePositive("--tls-handshake-timeout", tlsHandshakeTimeout);
        wsOrigins = List.copyOf(Objects.requireNonNull(wsOrigins, "wsOrigins"));
        ConfigRules.requireWebSocket(port, rawPort, tlsPort, wsPort, wssPort, wsOrigins);
        if (wssPort != OFF && tlsContext == null) {
            throw new IllegalArgumentException("--wss-port needs a key: --tls-keystore FILE or --tls-self-signed");
        }
        if (tlsPort != OFF && tlsContext == null) {
            throw new IllegalArgumentException("--tls-port needs a key: --tls-keystore FILE or --tls-self-signed");
        }
        if (greeting != null && (greeting.indexOf('\n') >= 0 || greeting.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("the greeting must be one line");
        }
    }

    /** The defaults of {@code eco serve}: loopback, port 9999 for TCP and UDP, no raw listener. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /** The defaults on free loopback ports, with the raw and WebSocket listeners on too: one line per test. */
    public static ServerConfig forTests() {
        return builder().port(0).udpPort(0).rawPort(0).wsPort(0).build();
    }

    public static ServerConfigBuilder builder() {
        return new ServerConfigBuilder();
    }

    /** A builder that starts from this configuration. */
    public ServerConfigBuilder toBuilder() {
        return new ServerConfigBuilder(this);
    }
}

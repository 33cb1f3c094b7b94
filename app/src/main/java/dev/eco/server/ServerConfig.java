package dev.eco.server;

import dev.eco.protocol.Limits;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a server needs to start. Each setting is a named limit with its default; {@link #defaults()}
 * gives the values of {@code eco serve}, {@link #forTests()} the same on free ports.
 *
 * @param host             address to bind: a name or literal; {@code 0.0.0.0} or {@code ::} for every interface (default 127.0.0.1)
 * @param tcpPort          the line protocol's TCP port; 0 picks a free one (default 9999)
 * @param udpPort          the UDP echo port, 0 for a free one, {@link #OFF} for no UDP (default 9999)
 * @param rawPort          the raw RFC 862 TCP echo port, 0 for a free one, {@link #OFF} for none (default off)
 * @param maxConnections   open TCP connections at most, line and raw together; one more is told
 *                         {@code server_full} and closed (default 10,000)
 * @param limits           the protocol limits: frame length, JSON depth (default {@link Limits#DEFAULT})
 * @param idleTimeout      a line connection that sends nothing this long is told {@code idle_timeout} and
 *                         closed; zero means never (default 5 minutes)
 * @param shutdownGrace    how long shutdown waits for connections to drain before it closes them by force (default 5 s)
 * @param greeting         a line sent to each line connection when it opens, or null for none (default none)
 * @param backlog          the listening sockets' accept queue; Java's default of 50 drops bursts of connects (default 4096)
 * @param udpRatePerSecond datagrams per second answered per source address, 0 for no limit (default 1,000)
 * @param udpBurst         datagrams a source address may send at once above that rate (default 2,000)
 * @param chat             the limits of chat rooms and of each member's outbound queue (default {@link ChatLimits#DEFAULT})
 */
public record ServerConfig(
        String host,
        int tcpPort,
        int udpPort,
        int rawPort,
        int maxConnections,
        Limits limits,
        Duration idleTimeout,
        Duration shutdownGrace,
        String greeting,
        int backlog,
        int udpRatePerSecond,
        int udpBurst,
        ChatLimits chat) {

    /** A port value that turns a listener off. */
    public static final int OFF = -1;

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9999;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);
    public static final int DEFAULT_BACKLOG = 4096;
    public static final int DEFAULT_UDP_RATE = 1_000;
    public static final int DEFAULT_UDP_BURST = 2_000;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(chat, "chat");
        requirePort("tcpPort", tcpPort, false);
        requirePort("udpPort", udpPort, true);
        requirePort("rawPort", rawPort, true);
        requireAtLeast("maxConnections", maxConnections, 1);
        requireAtLeast("backlog", backlog, 1);
        requireAtLeast("udpRatePerSecond", udpRatePerSecond, 0);
        requireAtLeast("udpBurst", udpBurst, 1);
        if (idleTimeout.isNegative() || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (greeting != null && (greeting.indexOf('\n') >= 0 || greeting.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("the greeting must be one line");
        }
    }

    /** The defaults of {@code eco serve}: loopback, port 9999 for TCP and UDP, no raw listener. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /** The defaults on free loopback ports, with the raw listener on too: one line per test. */
    public static ServerConfig forTests() {
        return builder().tcpPort(0).udpPort(0).rawPort(0).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .host(host).tcpPort(tcpPort).udpPort(udpPort).rawPort(rawPort).maxConnections(maxConnections)
                .limits(limits).idleTimeout(idleTimeout).shutdownGrace(shutdownGrace).greeting(greeting)
                .backlog(backlog).udpRate(udpRatePerSecond, udpBurst).chat(chat);
    }

    /** Collects settings, starting from the defaults; {@link #build()} validates them. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int tcpPort = DEFAULT_PORT;
        private int udpPort = DEFAULT_PORT;
        private int rawPort = OFF;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Limits limits = Limits.DEFAULT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private String greeting;
        private int backlog = DEFAULT_BACKLOG;
        private int udpRatePerSecond = DEFAULT_UDP_RATE;
        private int udpBurst = DEFAULT_UDP_BURST;
        private ChatLimits chat = ChatLimits.DEFAULT;

        private Builder() {}

        public Builder host(String value) { host = value; return this; }
        public Builder tcpPort(int value) { tcpPort = value; return this; }
        public Builder udpPort(int value) { udpPort = value; return this; }
        public Builder rawPort(int value) { rawPort = value; return this; }
        public Builder maxConnections(int value) { maxConnections = value; return this; }
        public Builder limits(Limits value) { limits = value; return this; }
        public Builder maxFrameBytes(int value) { limits = limits.withMaxFrameBytes(value); return this; }
        public Builder idleTimeout(Duration value) { idleTimeout = value; return this; }
        public Builder shutdownGrace(Duration value) { shutdownGrace = value; return this; }
        public Builder greeting(String value) { greeting = value; return this; }
        public Builder backlog(int value) { backlog = value; return this; }
        public Builder chat(ChatLimits value) { chat = value; return this; }

        public Builder udpRate(int perSecond, int burst) {
            udpRatePerSecond = perSecond;
            udpBurst = burst;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(host, tcpPort, udpPort, rawPort, maxConnections, limits, idleTimeout,
                    shutdownGrace, greeting, backlog, udpRatePerSecond, udpBurst, chat);
        }
    }

    private static void requirePort(String name, int port, boolean mayBeOff) {
        if ((port < 0 || port > 65_535) && !(mayBeOff && port == OFF)) {
            throw new IllegalArgumentException(name + " must be 0 to 65535" + (mayBeOff ? " or off" : "") + ", not " + port);
        }
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
        }
    }
}

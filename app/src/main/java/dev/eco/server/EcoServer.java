package dev.eco.server;

import dev.eco.chat.Rooms;
import dev.eco.protocol.Codec;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Style;
import dev.eco.server.ServerMetrics.Listener;
import dev.eco.server.net.Connections;
import dev.eco.server.net.Peers;
import dev.eco.server.net.PlainTransport;
import dev.eco.server.net.TcpListener;
import dev.eco.server.net.Transport;
import dev.eco.server.session.LineSessions;
import dev.eco.server.tls.TlsTransport;
import dev.eco.server.session.RawEchoSession;
import dev.eco.server.udp.UdpListener;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.net.InetSocketAddress;
import org.tinylog.Logger;

/**
 * A running eco server: the line listener, and the UDP, raw and TLS listeners when configured. Start one with
 * {@link #start}, on port 0 in tests; {@link #close()} shuts it down in order and is safe to call twice.
 *
 * <pre>{@code
 * try (EcoServer server = EcoServer.start(ServerConfig.forTests())) {
 *     connect(server.tcpAddress());
 * }
 * }</pre>
 *
 * What is counted goes to the {@link ServerMetrics} given at start; which rooms run is the
 * {@link Rooms.Factory} given at start ({@link Rooms#LOCAL}, in this process, by default).
 */
public final class EcoServer implements AutoCloseable {

    private final ServerConfig config;
    private final Connections connections;
    private final Rooms rooms;
    private final TcpListener tcp;
    private final TcpListener raw;
    private final TcpListener tls;
    private final UdpListener udp;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Object closeLock = new Object();
    private boolean closing;
    private volatile boolean accepting;

    private EcoServer(ServerConfig config, Connections connections, Rooms rooms, TcpListener tcp, TcpListener raw,
            TcpListener tls, UdpListener udp) {
        this.config = config;
        this.connections = connections;
        this.rooms = rooms;
        this.tcp = tcp;
        this.raw = raw;
        this.tls = tls;
        this.udp = udp;
    }

    /** {@link #start(ServerConfig, ServerMetrics, Rooms.Factory)} counting nothing, with in-process rooms. */
    public static EcoServer start(ServerConfig config) throws IOException {
        return start(config, ServerMetrics.NONE);
    }

    /** {@link #start(ServerConfig, ServerMetrics, Rooms.Factory)} with in-process rooms. */
    public static EcoServer start(ServerConfig config, ServerMetrics metrics) throws IOException {
        return start(config, metrics, Rooms.LOCAL);
    }

    /**
     * Binds every configured listener and starts serving; if anything fails, nothing is left open or running.
     * A port in use is a {@link java.net.BindException} that names the option: {@code --udp-port 7001 is in use}.
     */
    public static EcoServer start(ServerConfig config, ServerMetrics metrics, Rooms.Factory roomsFactory)
            throws IOException {
        Codec codec = new Codec(config.limits());
        InetAddress host = InetAddress.getByName(config.host());
        Transport transport = new PlainTransport();
        Binder binder = new Binder(host, config.backlog());
        Connections connections = binder.track(
                new Connections(config.maxConnections(), config.idleTimeout(), config.writeTimeout()));
        byte[] fullNotice = codec.encode(new ErrorReply(ErrorCode.SERVER_FULL,
                "the server has its maximum of " + config.maxConnections() + " connections; try again later"),
                Style.TEXT);
        try {
            Rooms rooms = binder.track(roomsFactory.open(codec, config.chat()));
            LineSessions lines = new LineSessions(codec, rooms, config.chat(), config.greeting(), config.idleTimeout());
            TcpListener tcp = new TcpListener(Listener.TCP, binder.tcp(transport, "--port", config.port()),
                    transport, connections, lines, fullNotice, metrics);
            TcpListener raw = config.rawPort() == ServerConfig.OFF ? null : new TcpListener(Listener.RAW,
                    binder.tcp(transport, "--raw-port", config.rawPort()), transport, connections,
                    RawEchoSession::new, null, metrics);
            UdpListener udp = config.udpPort() == ServerConfig.OFF ? null : new UdpListener(
                    binder.udp(config.udpPort(), config.port(), tcp.address().getPort()), codec, config.udpRate(),
                    config.udpBurst(), metrics);
            TcpListener tls = config.tlsPort() == ServerConfig.OFF ? null : tlsListener(config, binder, connections,
                    lines, fullNotice, metrics);
            EcoServer server = new EcoServer(config, connections, rooms, tcp, raw, tls, udp);
            server.startListeners();
            return server;
        } catch (IOException | RuntimeException e) {
            binder.closeAll(e);
            throw e;
        }
    }

    /** The line protocol over TLS: the same sessions and rooms as the plain port, another transport. */
    private static TcpListener tlsListener(ServerConfig config, Binder binder, Connections connections,
            LineSessions lines, byte[] fullNotice, ServerMetrics metrics) throws IOException {
        Transport transport = new TlsTransport(config.tlsContext(), config.tlsHandshakeTimeout());
        return new TcpListener(Listener.TLS, binder.tcp(transport, "--tls-port", config.tlsPort()), transport,
                connections, lines, fullNotice, metrics);
    }

    private void startListeners() throws IOException {
        VirtualPoller.warmUp();
        connections.startSweeper();
        accepting = true;
        tcp.start();
        Logger.info("listening tcp {}", Peers.describe(tcp.address()));
        if (udp != null) {
            udp.start();
            Logger.info("listening udp {}", Peers.describe(udp.address()));
        }
        if (raw != null) {
            raw.start();
            Logger.info("listening raw {}", Peers.describe(raw.address()));
        }
        if (tls != null) {
            tls.start();
            Logger.info("listening tls {}", Peers.describe(tls.address()));
        }
    }

    /** The line listener's bound address (the real port when it was 0). */
    public InetSocketAddress tcpAddress() {
        return tcp.address();
    }

    /** The UDP listener's bound address; empty when UDP is off. */
    public Optional<InetSocketAddress> udpAddress() {
        return Optional.ofNullable(udp).map(UdpListener::address);
    }

    /** The raw RFC 862 listener's bound address; empty when it is off. */
    public Optional<InetSocketAddress> rawAddress() {
        return Optional.ofNullable(raw).map(TcpListener::address);
    }

    /** The TLS listener's bound address; empty when it is off. */
    public Optional<InetSocketAddress> tlsAddress() {
        return Optional.ofNullable(tls).map(TcpListener::address);
    }

    /** The listeners' lines as {@code eco serve} prints them: {@code eco listening tcp 127.0.0.1:9999}. */
    public List<String> listeningLines() {
        List<String> lines = new ArrayList<>();
        lines.add("eco listening tcp " + Peers.describe(tcpAddress()));
        udpAddress().ifPresent(a -> lines.add("eco listening udp " + Peers.describe(a)));
        rawAddress().ifPresent(a -> lines.add("eco listening raw " + Peers.describe(a)));
        tlsAddress().ifPresent(a -> lines.add("eco listening tls " + Peers.describe(a)));
        return lines;
    }

    /** Open TCP connections, line and raw; for a gauge. */
    public int openConnections() {
        return connections.count();
    }

    /** Chat rooms that exist now; for a gauge. */
    public int roomCount() {
        return rooms.roomCount();
    }

    /** Connections in a chat room now; for a gauge. */
    public int memberCount() {
        return rooms.memberCount();
    }

    /** True from a successful start until {@link #close()} begins: for a health check. */
    public boolean isAccepting() {
        return accepting;
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * Shuts down in order: stop accepting; let every connection answer what it received, send its shutdown
     * notice and close; after the shutdown grace, close what is left by force; then the rooms. Safe to call
     * more than once.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closing) {
                awaitClosed();
                return;
            }
            closing = true;
            accepting = false;
        }
        Logger.info("shutting down ({} open connections)", connections.count());
        try {
            tcp.close();
            if (raw != null) {
                raw.close();
            }
            if (tls != null) {
                tls.close();
            }
            if (udp != null) {
                udp.close();
            }
            connections.shutdown(config.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                rooms.close();
            } catch (Exception e) {
                Logger.warn("closing the rooms: {}", e.toString());
            }
            Logger.info("stopped");
            closed.countDown();
        }
    }

    /** Blocks until {@link #close()} has finished, or the calling thread is interrupted. */
    public void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

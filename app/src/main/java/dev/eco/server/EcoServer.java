package dev.eco.server;

import dev.eco.protocol.Codec;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Style;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.tinylog.Logger;

/**
 * A running eco server: the line listener, and the UDP and raw listeners when configured. Start one with
 * {@link #start}, on port 0 in tests; {@link #close()} shuts it down in order and is safe to call twice.
 *
 * <pre>{@code
 * try (EcoServer server = EcoServer.start(ServerConfig.forTests())) {
 *     connect(server.tcpAddress());
 * }
 * }</pre>
 */
public final class EcoServer implements AutoCloseable {

    private final ServerConfig config;
    private final Connections connections;
    private final TcpListener tcp;
    private final TcpListener raw;
    private final UdpListener udp;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Object closeLock = new Object();
    private boolean closing;

    private EcoServer(ServerConfig config, Connections connections, TcpListener tcp, TcpListener raw, UdpListener udp) {
        this.config = config;
        this.connections = connections;
        this.tcp = tcp;
        this.raw = raw;
        this.udp = udp;
    }

    /** Binds every configured listener and starts serving; if any bind fails, nothing is left open. */
    public static EcoServer start(ServerConfig config) throws IOException {
        Codec codec = new Codec(config.limits());
        Dispatcher dispatcher = new Dispatcher(codec, new Chat(codec, config.chat()));
        Connections connections = new Connections(config.maxConnections(), config.idleTimeout());
        InetAddress host = InetAddress.getByName(config.host());
        byte[] fullNotice = codec.encode(new ErrorReply(ErrorCode.SERVER_FULL,
                "the server has its maximum of " + config.maxConnections() + " connections; try again later"),
                Style.TEXT);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            TcpListener tcp = new TcpListener("tcp",
                    track(opened, TcpListener.bind(new InetSocketAddress(host, config.tcpPort()), config.backlog())),
                    connections, socket -> new LineConnection(socket, codec, dispatcher, config), fullNotice);
            TcpListener raw = config.rawPort() == ServerConfig.OFF ? null : new TcpListener("raw",
                    track(opened, TcpListener.bind(new InetSocketAddress(host, config.rawPort()), config.backlog())),
                    connections, socket -> new RawEchoConnection(socket, config.idleTimeout()), null);
            UdpListener udp = config.udpPort() == ServerConfig.OFF ? null : new UdpListener(
                    track(opened, UdpListener.bind(new InetSocketAddress(host, config.udpPort()))), codec, config);
            EcoServer server = new EcoServer(config, connections, tcp, raw, udp);
            server.startListeners();
            return server;
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable closeable : opened) {
                try {
                    closeable.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> opened, T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private void startListeners() {
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

    /** The listeners' lines as {@code eco serve} prints them: {@code eco listening tcp 127.0.0.1:9999}. */
    public List<String> listeningLines() {
        List<String> lines = new ArrayList<>();
        lines.add("eco listening tcp " + Peers.describe(tcpAddress()));
        udpAddress().ifPresent(a -> lines.add("eco listening udp " + Peers.describe(a)));
        rawAddress().ifPresent(a -> lines.add("eco listening raw " + Peers.describe(a)));
        return lines;
    }

    /** Open TCP connections, line and raw. */
    public int openConnections() {
        return connections.count();
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * Shuts down in order: stop accepting; let every connection answer what it received, send its shutdown
     * notice and close; after the shutdown grace, close what is left by force. Safe to call more than once.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closing) {
                awaitClosed();
                return;
            }
            closing = true;
        }
        Logger.info("shutting down ({} open connections)", connections.count());
        try {
            tcp.close();
            if (raw != null) {
                raw.close();
            }
            if (udp != null) {
                udp.close();
            }
            connections.shutdown(config.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
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

package dev.eco.server;

import dev.eco.chat.Rooms;
import dev.eco.protocol.Codec;
import dev.eco.server.net.Connections;
import dev.eco.server.net.Plural;
import dev.eco.server.net.Timeouts;
import dev.eco.server.session.LineSessions;
import dev.eco.server.testing.Faults;
import dev.eco.server.testing.RecordedFrame;
import dev.eco.server.testing.Recording;
import dev.eco.server.testing.Script;
import dev.eco.server.testing.Taps;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.tinylog.Logger;

/**
 * A running eco server: the line listener, and the UDP, raw, TLS and WebSocket listeners when configured. Start
 * one with {@link #start}, on port 0 in tests; {@link #close()} shuts it down in order and is safe to call twice.
 * A test may switch {@link #faults()} on, record what its client sent ({@link #recording()}) and script the
 * answers ({@link #script()}) while it runs (docs/testing.md).
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
    private final Listeners listeners;
    private final Taps taps;
    private final Loops loops;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Object closeLock = new Object();
    private boolean closing;
    private volatile boolean accepting;

    private EcoServer(
            ServerConfig config, Connections connections, Rooms rooms, Listeners listeners, Taps taps, Loops loops) {
        this.config = config;
        this.connections = connections;
        this.rooms = rooms;
        this.listeners = listeners;
        this.taps = taps;
        this.loops = loops;
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
        Binder binder = new Binder(InetAddress.getByName(config.host()), config.backlog());
        Loops loops = new Loops(metrics);
        Timeouts timeouts = new Timeouts(config.idleTimeout(), config.writeTimeout(), config.frameTimeout());
        Connections connections = binder.track(
                new Connections(config.maxConnections(), config.maxConnectionsPerAddress(), timeouts, loops));
        try {
            Rooms rooms = binder.track(roomsFactory.open(codec, config.chat()));
            LineSessions lines = new LineSessions(codec, rooms, config.chat(), config.greeting(), timeouts);
            Taps taps = new Taps(config.faults());
            Listeners listeners = Listeners.bind(config, binder, connections, lines, codec, metrics, taps, loops);
            EcoServer server = new EcoServer(config, connections, rooms, listeners, taps, loops);
            VirtualPoller.warmUp();
            connections.startSweeper();
            server.accepting = true;
            listeners.start();
            return server;
        } catch (IOException | RuntimeException e) {
            binder.closeAll(e);
            throw e;
        }
    }

    /** The line listener's bound address (the real port when it was 0). */
    public InetSocketAddress tcpAddress() {
        return listeners.tcpAddress();
    }

    /** The UDP listener's bound address; empty when UDP is off. */
    public Optional<InetSocketAddress> udpAddress() {
        return listeners.udpAddress();
    }

    /** The raw RFC 862 listener's bound address; empty when it is off. */
    public Optional<InetSocketAddress> rawAddress() {
        return listeners.rawAddress();
    }

    /** The TLS listener's bound address; empty when it is off. */
    public Optional<InetSocketAddress> tlsAddress() {
        return listeners.tlsAddress();
    }

    /** The WebSocket listener's bound address ({@code ws://HOST:PORT/}, and the chat page); empty when it is off. */
    public Optional<InetSocketAddress> wsAddress() {
        return listeners.wsAddress();
    }

    /** The WebSocket over TLS listener's bound address ({@code wss://HOST:PORT/}); empty when it is off. */
    public Optional<InetSocketAddress> wssAddress() {
        return listeners.wssAddress();
    }

    /** The listeners' lines as {@code eco serve} prints them: {@code eco listening tcp 127.0.0.1:9999}. */
    public List<String> listeningLines() {
        return listeners.listeningLines();
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

    /**
     * Whether the server serves: it accepts, and none of its long-lived loops (the accept loops, the UDP loop,
     * the sweeper of timeouts) has ended. For a health check: {@code /health} answers 503 unless it is ok.
     */
    public Health health() {
        return new Health(accepting, loops.ended());
    }

    public ServerConfig config() {
        return config;
    }

    /** The faults, to read and replace while the server runs: {@code faults().set("latency=200ms")}. */
    public Faults faults() {
        return taps.faults();
    }

    /** What clients send, once {@code recording().start()}: for a test to take with {@link #takeFrame}. */
    public Recording recording() {
        return taps.recording();
    }

    /** {@code recording().takeFrame(timeout)}: the oldest frame not taken, waiting up to the timeout for one. */
    public Optional<RecordedFrame> takeFrame(Duration timeout) throws InterruptedException {
        return taps.recording().takeFrame(timeout);
    }

    /** Answers a test scripts instead of the echo: {@code script().enqueue("+OK")}. */
    public Script script() {
        return taps.script();
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
        Logger.info("shutting down ({} open)", Plural.of(connections.count(), "connection"));
        try {
            listeners.close();
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

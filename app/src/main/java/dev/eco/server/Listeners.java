package dev.eco.server;

import dev.eco.protocol.Codec;
import dev.eco.server.ServerMetrics.ListenerKind;
import dev.eco.server.net.Connections;
import dev.eco.server.net.Peers;
import dev.eco.server.net.PlainTransport;
import dev.eco.server.net.TcpListener;
import dev.eco.server.net.Transport;
import dev.eco.server.session.LineSessions;
import dev.eco.server.session.RawEchoSession;
import dev.eco.server.testing.Taps;
import dev.eco.server.tls.TlsTransport;
import dev.eco.server.udp.UdpListener;
import dev.eco.server.ws.WsSessions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server's listeners: the line listener always, UDP, raw, TLS, WebSocket and WebSocket over TLS when
 * configured. They are bound together (through the {@link Binder}, so a failed start closes them all), started
 * in that order, and closed in it.
 */
final class Listeners {

    private final TcpListener tcp;
    private final UdpListener udp;
    private final TcpListener raw;
    private final TcpListener tls;
    private final TcpListener ws;
    private final TcpListener wss;

    private Listeners(
            TcpListener tcp, UdpListener udp, TcpListener raw, TcpListener tls, TcpListener ws, TcpListener wss) {
        this.tcp = tcp;
        this.udp = udp;
        this.raw = raw;
        this.tls = tls;
        this.ws = ws;
        this.wss = wss;
    }

    /** Binds every configured listener; none is started yet. */
    static Listeners bind(
            ServerConfig config,
            Binder binder,
            Connections connections,
            LineSessions lines,
            Codec codec,
            ServerMetrics metrics,
            Taps taps,
            Loops loops)
            throws IOException {
        RefusalNotices notices = RefusalNotices.of(config, codec);
        Transport plain = new PlainTransport();
        TcpListener tcp = new TcpListener(
                ListenerKind.TCP,
                binder.tcp(plain, "--port", config.port()),
                plain,
                connections,
                lines,
                notices.lines(),
                metrics,
                taps,
                loops);
        UdpListener udp = config.udpPort() == ServerConfig.OFF
                ? null
                : new UdpListener(
                        binder.udp(
                                config.udpPort(), config.port(), tcp.address().getPort()),
                        codec,
                        config.udpRate(),
                        config.udpBurst(),
                        metrics,
                        taps,
                        loops);
        TcpListener raw = config.rawPort() == ServerConfig.OFF
                ? null
                : new TcpListener(
                        ListenerKind.RAW,
                        binder.tcp(plain, "--raw-port", config.rawPort()),
                        plain,
                        connections,
                        RawEchoSession::new,
                        Map.of(), // the raw echo sends nothing of its own: a refused client is closed silently
                        metrics,
                        taps,
                        loops);
        TcpListener tls = null;
        if (config.tlsPort() != ServerConfig.OFF) {
            // the line protocol over TLS: the same sessions and rooms as the plain port, another transport
            Transport transport = new TlsTransport(config.tlsContext(), config.tlsHandshakeTimeout());
            tls = new TcpListener(
                    ListenerKind.TLS,
                    binder.tcp(transport, "--tls-port", config.tlsPort()),
                    transport,
                    connections,
                    lines,
                    notices.lines(),
                    metrics,
                    taps,
                    loops);
        }
        TcpListener ws = null;
        if (config.wsPort() != ServerConfig.OFF) {
            ws = new TcpListener(
                    ListenerKind.WS,
                    binder.tcp(plain, "--ws-port", config.wsPort()),
                    plain,
                    connections,
                    new WsSessions(lines, config.wsOrigins(), false),
                    notices.http(),
                    metrics,
                    taps,
                    loops);
        }
        TcpListener wss = null;
        if (config.wssPort() != ServerConfig.OFF) {
            Transport transport = new TlsTransport(config.tlsContext(), config.tlsHandshakeTimeout());
            wss = new TcpListener(
                    ListenerKind.WSS,
                    binder.tcp(transport, "--wss-port", config.wssPort()),
                    transport,
                    connections,
                    new WsSessions(lines, config.wsOrigins(), true),
                    notices.http(),
                    metrics,
                    taps,
                    loops);
        }
        return new Listeners(tcp, udp, raw, tls, ws, wss);
    }

    /**
     * Starts every listener. Where each listens is not logged: {@link #listeningLines()} says it, which
     * {@code eco serve} prints on standard output, and one line per listener is enough on a terminal.
     */
    void start() {
        tcp.start();
        if (udp != null) {
            udp.start();
        }
        if (raw != null) {
            raw.start();
        }
        if (tls != null) {
            tls.start();
        }
        if (ws != null) {
            ws.start();
        }
        if (wss != null) {
            wss.start();
        }
    }

    /** Stops accepting and receiving: the listening sockets close and their threads end. */
    void close() {
        tcp.close();
        if (raw != null) {
            raw.close();
        }
        if (tls != null) {
            tls.close();
        }
        if (ws != null) {
            ws.close();
        }
        if (wss != null) {
            wss.close();
        }
        if (udp != null) {
            udp.close();
        }
    }

    InetSocketAddress tcpAddress() {
        return tcp.address();
    }

    Optional<InetSocketAddress> udpAddress() {
        return Optional.ofNullable(udp).map(UdpListener::address);
    }

    Optional<InetSocketAddress> rawAddress() {
        return Optional.ofNullable(raw).map(TcpListener::address);
    }

    Optional<InetSocketAddress> tlsAddress() {
        return Optional.ofNullable(tls).map(TcpListener::address);
    }

    Optional<InetSocketAddress> wsAddress() {
        return Optional.ofNullable(ws).map(TcpListener::address);
    }

    Optional<InetSocketAddress> wssAddress() {
        return Optional.ofNullable(wss).map(TcpListener::address);
    }

    /** One line per listener, as {@code eco serve} prints them: {@code eco listening tcp 127.0.0.1:9999}. */
    List<String> listeningLines() {
        List<String> lines = new ArrayList<>();
        lines.add("eco listening tcp " + Peers.describe(tcpAddress()));
        udpAddress().ifPresent(a -> lines.add("eco listening udp " + Peers.describe(a)));
        rawAddress().ifPresent(a -> lines.add("eco listening raw " + Peers.describe(a)));
        tlsAddress().ifPresent(a -> lines.add("eco listening tls " + Peers.describe(a)));
        wsAddress().ifPresent(a -> lines.add("eco listening ws " + Peers.describe(a)));
        wssAddress().ifPresent(a -> lines.add("eco listening wss " + Peers.describe(a)));
        return lines;
    }
}

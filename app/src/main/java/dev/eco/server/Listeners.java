package dev.eco.server;

import dev.eco.protocol.Codec;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Style;
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
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * A server's listeners: the line listener always, UDP, raw and TLS when configured. They are bound together
 * (through the {@link Binder}, so a failed start closes them all), started in that order, and closed in it.
 */
final class Listeners {

    private final TcpListener tcp;
    private final UdpListener udp;
    private final TcpListener raw;
    private final TcpListener tls;

    private Listeners(TcpListener tcp, UdpListener udp, TcpListener raw, TcpListener tls) {
        this.tcp = tcp;
        this.udp = udp;
        this.raw = raw;
        this.tls = tls;
    }

    /** Binds every configured listener; none is started yet. */
    static Listeners bind(
            ServerConfig config,
            Binder binder,
            Connections connections,
            LineSessions lines,
            Codec codec,
            ServerMetrics metrics,
            Taps taps)
            throws IOException {
        byte[] fullNotice = codec.encode(
                new ErrorReply(
                        ErrorCode.SERVER_FULL,
                        "the server has its maximum of " + config.maxConnections() + " connections; try again later"),
                Style.TEXT);
        Transport plain = new PlainTransport();
        TcpListener tcp = new TcpListener(
                ListenerKind.TCP,
                binder.tcp(plain, "--port", config.port()),
                plain,
                connections,
                lines,
                fullNotice,
                metrics,
                taps);
        UdpListener udp = config.udpPort() == ServerConfig.OFF
                ? null
                : new UdpListener(
                        binder.udp(
                                config.udpPort(), config.port(), tcp.address().getPort()),
                        codec,
                        config.udpRate(),
                        config.udpBurst(),
                        metrics,
                        taps);
        TcpListener raw = config.rawPort() == ServerConfig.OFF
                ? null
                : new TcpListener(
                        ListenerKind.RAW,
                        binder.tcp(plain, "--raw-port", config.rawPort()),
                        plain,
                        connections,
                        RawEchoSession::new,
                        null,
                        metrics,
                        taps);
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
                    fullNotice,
                    metrics,
                    taps);
        }
        return new Listeners(tcp, udp, raw, tls);
    }

    void start() {
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

    /** Stops accepting and receiving: the listening sockets close and their threads end. */
    void close() {
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

    /** One line per listener, as {@code eco serve} prints them: {@code eco listening tcp 127.0.0.1:9999}. */
    List<String> listeningLines() {
        List<String> lines = new ArrayList<>();
        lines.add("eco listening tcp " + Peers.describe(tcpAddress()));
        udpAddress().ifPresent(a -> lines.add("eco listening udp " + Peers.describe(a)));
        rawAddress().ifPresent(a -> lines.add("eco listening raw " + Peers.describe(a)));
        tlsAddress().ifPresent(a -> lines.add("eco listening tls " + Peers.describe(a)));
        return lines;
    }
}

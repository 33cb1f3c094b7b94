package dev.eco.server;

import dev.eco.server.net.Transport;
import dev.eco.server.udp.UdpListener;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds a server's sockets and keeps everything a start opened, so that a failed start closes it all. A
 * port in use is told as the option that asked for it: {@code --udp-port 7001 is in use}.
 */
final class Binder {

    private final InetAddress host;
    private final int backlog;
    private final List<AutoCloseable> opened = new ArrayList<>();

    Binder(InetAddress host, int backlog) {
        this.host = host;
        this.backlog = backlog;
    }

    <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    ServerSocket tcp(Transport transport, String option, int port) throws IOException {
        try {
            return track(transport.bind(new InetSocketAddress(host, port), backlog));
        } catch (BindException e) {
            throw inUse(option, port, e);
        }
    }

    /**
     * The UDP socket; {@link ServerConfig#SAME} tries the TCP listener's number, and when the TCP port was
     * asked as 0 (any free one) falls back to a free UDP port if that number is taken.
     */
    DatagramSocket udp(int udpPort, int tcpPortAsked, int tcpPortBound) throws IOException {
        int port = udpPort == ServerConfig.SAME ? tcpPortBound : udpPort;
        try {
            return track(UdpListener.bind(new InetSocketAddress(host, port)));
        } catch (BindException e) {
            if (udpPort == ServerConfig.SAME && tcpPortAsked == 0) {
                return track(UdpListener.bind(new InetSocketAddress(host, 0)));
            }
            throw inUse("--udp-port", port, e);
        }
    }

    /** The sentence for a failed bind: a port in use names the option; anything else the address. */
    private BindException inUse(String option, int port, BindException cause) {
        String why = String.valueOf(cause.getMessage());
        BindException e = new BindException(
                why.toLowerCase(java.util.Locale.ROOT).contains("in use")
                        ? option + " " + port + " is in use"
                        : "cannot listen on " + host.getHostAddress() + " port " + port + ": "
                                + why.toLowerCase(java.util.Locale.ROOT));
        e.initCause(cause);
        return e;
    }

    /** Closes everything opened so far, after a failed start; what fails to close is added to {@code failure}. */
    void closeAll(Exception failure) {
        for (AutoCloseable closeable : opened.reversed()) {
            try {
                closeable.close();
            } catch (Exception suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
    }
}

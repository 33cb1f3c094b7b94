package dev.eco.server.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Everything socket-specific about a TCP listener: how it binds, and how an accepted socket becomes a
 * {@link Wire}. {@link PlainTransport} is plain TCP; a TLS transport wraps the accepted socket (and does its
 * handshake lazily, on the connection's own thread) without any session knowing.
 */
public interface Transport {

    /** A listening socket on {@code address}; closed again if binding fails. */
    ServerSocket bind(InetSocketAddress address, int backlog) throws IOException;

    /**
     * Configures a socket just accepted, on the accept thread: it must not block on the client (no handshake
     * here). The wire owns the socket from then on.
     */
    Wire accept(Socket socket) throws IOException;
}

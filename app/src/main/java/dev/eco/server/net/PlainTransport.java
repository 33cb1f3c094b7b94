package dev.eco.server.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;

/** Plain TCP. */
public final class PlainTransport implements Transport {

    /**
     * The send buffer each accepted socket asks for ({@code SO_SNDBUF}; Linux doubles it for its bookkeeping).
     * Left to itself the kernel grows a connection's buffer up to {@code tcp_wmem}'s maximum (4 MiB here) for
     * a client that barely reads, and the server copies that much into it before its write blocks: see
     * docs/security.md for what this value measured. {@code -Deco.sendBufferBytes=0} leaves it to the kernel.
     */
    public static final int SEND_BUFFER_BYTES = Integer.getInteger("eco.sendBufferBytes", 64 * 1024);

    @Override
    public ServerSocket bind(InetSocketAddress address, int backlog) throws IOException {
        // Opened for the address's own family: a socket of the default (IPv6) family given 0.0.0.0 would bind
        // the IPv6 wildcard and take IPv6 connections too.
        ServerSocket server = ServerSocketChannel.open(Families.of(address)).socket();
        try {
            // A restart right after a stop must bind again while old connections sit in TIME_WAIT.
            server.setReuseAddress(true);
            server.bind(address, backlog);
            return server;
        } catch (IOException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public Wire accept(Socket socket) throws IOException {
        configure(socket);
        return new PlainWire(socket);
    }

    /** The options of every accepted socket, plain or under TLS. */
    public static void configure(Socket socket) throws IOException {
        socket.setTcpNoDelay(true); // replies are written whole, once per read: never hold them back
        if (SEND_BUFFER_BYTES > 0) {
            socket.setSendBufferSize(SEND_BUFFER_BYTES);
        }
    }
}

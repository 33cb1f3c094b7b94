package dev.eco.server.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;

/** Plain TCP. */
public final class PlainTransport implements Transport {

    @Override
    public ServerSocket bind(InetSocketAddress address, int backlog) throws IOException {
        ServerSocket server = ServerSocketChannel.open().socket();
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
        socket.setTcpNoDelay(true); // replies are written whole, once per read: never hold them back
        return new PlainWire(socket);
    }
}

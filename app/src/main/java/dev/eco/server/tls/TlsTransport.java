package dev.eco.server.tls;

import dev.eco.server.net.PlainTransport;
import dev.eco.server.net.Transport;
import dev.eco.server.net.Wire;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS over the plain listening socket: each accepted socket is layered with an {@link SSLSocket} in server
 * mode, which does no I/O until the connection's own thread first reads or writes ({@link TlsWire}), so the
 * accept loop never waits on a client's handshake.
 */
public final class TlsTransport implements Transport {

    /** TLS 1.3 and 1.2 only; the JDK's default cipher suites for each. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final Transport plain = new PlainTransport();
    private final SSLSocketFactory factory;
    private final Duration handshakeTimeout;

    /** {@code handshakeTimeout}: a client that has not finished its handshake this long after connecting is closed. */
    public TlsTransport(SSLContext context, Duration handshakeTimeout) {
        this.factory = Objects.requireNonNull(context, "context").getSocketFactory();
        this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    }

    @Override
    public ServerSocket bind(InetSocketAddress address, int backlog) throws IOException {
        return plain.bind(address, backlog);
    }

    @Override
    public Wire accept(Socket socket) throws IOException {
        PlainTransport.configure(socket); // as on the plain port: each batch of replies is one record, sent at once
        SSLSocket ssl = (SSLSocket) factory.createSocket(socket, null, socket.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.setEnabledProtocols(PROTOCOLS);
        return new TlsWire(socket, ssl, handshakeTimeout);
    }
}

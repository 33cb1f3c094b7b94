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
 * accept loop never waits on a client's handshake. What it offers is the {@link TlsPolicy}: creating one sets
 * the JVM-wide system property {@code jdk.tls.rejectClientInitiatedRenegotiation} unless it is set.
 */
public final class TlsTransport implements Transport {

    private final Transport plain = new PlainTransport();
    private final SSLSocketFactory factory;
    private final String[] cipherSuites;
    private final Duration handshakeTimeout;

    /** {@code handshakeTimeout}: a client that has not finished its handshake this long after connecting is closed. */
    public TlsTransport(SSLContext context, Duration handshakeTimeout) {
        TlsPolicy.refuseClientRenegotiation(); // before this server's first handshake, which reads it
        this.factory = Objects.requireNonNull(context, "context").getSocketFactory();
        this.cipherSuites = TlsPolicy.cipherSuites(factory.getDefaultCipherSuites());
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
        ssl.setEnabledProtocols(TlsPolicy.PROTOCOLS);
        ssl.setEnabledCipherSuites(cipherSuites);
        return new TlsWire(socket, ssl, handshakeTimeout);
    }
}

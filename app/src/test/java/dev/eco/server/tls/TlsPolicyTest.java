package dev.eco.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.server.net.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the TLS port offers a real JDK client: AEAD suites only, and no renegotiation the client asks for. */
class TlsPolicyTest {

    static ServerKeys keys;

    @BeforeAll
    static void keys() throws Exception {
        keys = SelfSigned.generate();
    }

    @Test
    void onlyAeadSuitesAreKept() {
        String[] defaults = {
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"
        };
        assertArrayEquals(
                new String[] {
                    "TLS_AES_256_GCM_SHA384",
                    "TLS_CHACHA20_POLY1305_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                    "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"
                },
                TlsPolicy.cipherSuites(defaults));
    }

    @Test
    void aTls12ClientThatOffersOnlyCbcIsRefused() throws Exception {
        try (Served served = Served.start()) {
            SSLSocket client = served.client();
            client.setEnabledProtocols(new String[] {"TLSv1.2"});
            client.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
            assertThrows(SSLHandshakeException.class, client::startHandshake);
        }
    }

    @Test
    void aTls12ClientGetsAnAeadSuite() throws Exception {
        try (Served served = Served.start()) {
            SSLSocket client = served.client();
            client.setEnabledProtocols(new String[] {"TLSv1.2"});
            client.startHandshake();
            String suite = client.getSession().getCipherSuite();
            assertTrue(suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_"), suite);
        }
    }

    @Test
    void aRenegotiationTheClientAsksForEndsTheConnection() throws Exception {
        try (Served served = Served.start()) {
            assertEquals("true", System.getProperty(TlsPolicy.REJECT_RENEGOTIATION), "set by the TLS transport");
            SSLSocket client = served.client();
            client.setEnabledProtocols(new String[] {"TLSv1.2"});
            client.getOutputStream().write('x');
            assertEquals('x', client.getInputStream().read(), "echoed: the connection works");
            client.getSession().invalidate();
            client.startHandshake(); // TLS 1.2: sends a new ClientHello on the open connection, and returns
            // The server answers it with a fatal alert, which the client reads instead of the echo.
            assertThrows(SSLException.class, () -> {
                client.getOutputStream().write('y');
                client.getInputStream().read();
            });
        }
    }

    /** One TLS connection to a server that echoes each byte on a virtual thread; the client trusts any key. */
    private record Served(ServerSocket listener, SSLSocket client) implements AutoCloseable {
        static Served start() throws Exception {
            ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Socket tcp = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            Wire wire = new TlsTransport(keys.context(), Duration.ofSeconds(5)).accept(listener.accept());
            Thread.ofVirtual().start(() -> {
                try (wire) {
                    InputStream in = wire.input();
                    OutputStream out = wire.output();
                    for (int b = in.read(); b >= 0; b = in.read()) {
                        out.write(b);
                        out.flush();
                    }
                } catch (IOException e) {
                    // the client went away, or the handshake failed: the connection is over
                }
            });
            SSLContext any = TlsWireTest.anyCertificate();
            SSLSocket client =
                    (SSLSocket) any.getSocketFactory().createSocket(tcp, "localhost", listener.getLocalPort(), true);
            client.setSoTimeout(5_000);
            return new Served(listener, client);
        }

        @Override
        public void close() throws IOException {
            client.close();
            listener.close();
        }
    }
}

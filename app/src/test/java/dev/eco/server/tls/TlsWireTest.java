package dev.eco.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.server.net.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How another thread ends a TLS connection's input, on real loopback sockets with a real handshake. */
class TlsWireTest {

    static ServerKeys keys;

    @BeforeAll
    static void keys() throws Exception {
        keys = SelfSigned.generate();
    }

    /** The server's wire (handshaken on a virtual thread, as the connection's own thread does) and a TLS client. */
    private record Pair(Wire wire, Socket tcp, InputStream serverIn, SSLSocket client) implements AutoCloseable {
        static Pair open() throws Exception {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Socket tcp = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                Socket accepted = listener.accept();
                Wire wire = new TlsTransport(keys.context(), Duration.ofSeconds(5)).accept(accepted);
                CompletableFuture<InputStream> in = new CompletableFuture<>();
                Thread.ofVirtual().start(() -> {
                    try {
                        in.complete(wire.input());
                    } catch (Exception e) {
                        in.completeExceptionally(e);
                    }
                });
                SSLSocket client = (SSLSocket) anyCertificate()
                        .getSocketFactory()
                        .createSocket(tcp, "localhost", listener.getLocalPort(), true);
                client.setSoTimeout(5_000);
                client.startHandshake();
                return new Pair(wire, accepted, in.get(5, TimeUnit.SECONDS), client);
            }
        }

        @Override
        public void close() throws IOException {
            client.close();
            wire.close();
        }
    }

    @Test
    void aShutdownWakesAnEmptyReaderWhileTheOutputStaysOpenAndCloseSendsCloseNotify() throws Exception {
        try (Pair pair = Pair.open()) {
            java.util.concurrent.atomic.AtomicReference<Thread> reader =
                    new java.util.concurrent.atomic.AtomicReference<>();
            CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return pair.serverIn().read(new byte[64]);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    r -> reader.set(Thread.ofVirtual().start(r)));
            // The reader parks in its read (if it has not yet, it reads end of stream just the same).
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> reader.get() != null && reader.get().getState() == Thread.State.WAITING);
            assertTrue(pair.wire().endInput(Wire.End.SHUTDOWN));
            assertEquals(-1, blocked.get(5, TimeUnit.SECONDS), "the reader sees end of stream");
            pair.wire().output().write("server shutting down\n".getBytes(StandardCharsets.UTF_8));
            pair.wire().closeAndDrain(Duration.ofMillis(200));
            InputStream in = pair.client().getInputStream();
            assertEquals("server shutting down\n", new String(in.readNBytes(21), StandardCharsets.UTF_8));
            assertEquals(-1, in.read(), "then close_notify: a clean end of stream, not an error");
        }
    }

    @Test
    void anIdleCloseIsDeclinedWhenTheClientJustSentSomething() throws Exception {
        try (Pair pair = Pair.open()) {
            pair.client().getOutputStream().write("late\n".getBytes(StandardCharsets.UTF_8));
            pair.client().getOutputStream().flush();
            // Wait for the record to reach the server's socket, looking without touching the wire under test.
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> pair.tcp().getInputStream().available() > 0
                            || pair.serverIn().available() > 0);
            assertFalse(pair.wire().endInput(Wire.End.IDLE), "input is waiting (encrypted, or decrypted)");
            assertTrue(pair.wire().endInput(Wire.End.SHUTDOWN), "a shutdown lets the reader read it first");
        }
    }

    @Test
    void beforeTheHandshakeAShutdownIsLeftToTheReadersFirstReadAndAnIdleCloseToTheHandshakeTimeout() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket _ = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort()); // the peer
                Wire wire = new TlsTransport(keys.context(), Duration.ofSeconds(5)).accept(listener.accept())) {
            assertTrue(
                    wire.endInput(Wire.End.SHUTDOWN), "no force-close: the reader sees the flag after its handshake");
            assertFalse(wire.endInput(Wire.End.IDLE), "an idle one is left to the handshake timeout");
        }
    }

    static SSLContext anyCertificate() throws Exception {
        TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {any}, null);
        return context;
    }
}

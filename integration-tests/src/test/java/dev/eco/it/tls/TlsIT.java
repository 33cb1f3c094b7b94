package dev.eco.it.tls;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.eco.it.support.OpensslClient;
import dev.eco.it.support.TestClient;
import dev.eco.it.support.Tls;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerConfigBuilder;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.tls.ServerKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line protocol over TLS, against real peers: the JDK's TLS client, openssl s_client, and bad clients. */
class TlsIT {

    @TempDir
    static Path dir;

    static Tls.Keys keys;
    static ServerKeys serverKeys;

    @BeforeAll
    static void makeKeys() throws Exception {
        keys = Tls.make(dir);
        serverKeys = ServerKeys.load(keys.keystore(), Tls.PASSWORD.toCharArray());
    }

    private static EcoServer start(CloseCounts counts, ServerConfigBuilder config) throws IOException {
        return EcoServer.start(config.tls(0, serverKeys.context()).build(), counts);
    }

    private static EcoServer start(CloseCounts counts) throws IOException {
        return start(counts, ServerConfig.forTests().toBuilder());
    }

    private static InetSocketAddress tls(EcoServer server) {
        return server.tlsAddress().orElseThrow();
    }

    private static TestClient trustingClient(EcoServer server, String hostname) throws Exception {
        SSLContext trusting = Tls.trusting(Tls.certificate(keys.certificatePem()));
        return TestClient.over(Tls.connect(trusting, tls(server), hostname, true));
    }

    @Test
    void theJdkClientWithATruststoreEchoesChatsAndVerifiesTheHostName() throws Exception {
        CloseCounts counts = new CloseCounts();
        try (EcoServer server = start(counts);
                TestClient byName = trustingClient(server, "localhost");
                TestClient byAddress = trustingClient(server, "127.0.0.1");
                TestClient plain = TestClient.connect(server.tcpAddress())) {
            assertEquals("hello over tls", byName.roundTrip("hello over tls"));
            assertEquals("{\"type\":\"pong\"}", byAddress.roundTrip("{\"type\":\"ping\"}"));
            // The same rooms as the plain port.
            assertEquals("nick plain", plain.roundTrip("/nick plain"));
            assertEquals("joined lobby, members: plain", plain.roundTrip("/join lobby"));
            assertEquals("nick secure", byName.roundTrip("/nick secure"));
            assertEquals("joined lobby, members: plain, secure", byName.roundTrip("/join lobby"));
            assertEquals("* secure joined lobby", plain.readLine());
            plain.sendLine("hi from the plain port");
            assertEquals("[lobby] <plain> hi from the plain port", byName.readLine());
            byName.sendLine("hi from tls");
            assertEquals("[lobby] <secure> hi from tls", byName.readLine());
            assertEquals("[lobby] <plain> hi from the plain port", plain.readLine());
            assertEquals("[lobby] <secure> hi from tls", plain.readLine());
            assertEquals("bye", byAddress.roundTrip("quit"));
            byAddress.assertEof();
            await().atMost(Duration.ofSeconds(5)).until(() -> counts.of(Close.QUIT) == 1);
        }
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsRefusedByTheClient() throws Exception {
        try (EcoServer server = start(new CloseCounts())) {
            SSLContext trusting = Tls.trusting(Tls.certificate(keys.certificatePem()));
            assertThrows(
                    SSLHandshakeException.class,
                    () -> Tls.connect(trusting, tls(server), "example.org", true)
                            .close());
        }
    }

    @Test
    void opensslEchoesALineAndReachesARoomWithAPlainMember() throws Exception {
        Tls.assumeOpenssl();
        try (EcoServer server = start(new CloseCounts());
                TestClient plain = TestClient.connect(server.tcpAddress());
                OpensslClient openssl = OpensslClient.connect(
                        tls(server).getPort(),
                        "-CAfile",
                        keys.certificatePem().toString(),
                        "-verify_return_error",
                        "-verify_hostname",
                        "localhost")) {
            openssl.sendLine("hello from openssl");
            assertEquals("hello from openssl", openssl.readLine());
            assertEquals("nick plain", plain.roundTrip("/nick plain"));
            assertEquals("joined lobby, members: plain", plain.roundTrip("/join lobby"));
            openssl.sendLine("/nick ossl").sendLine("/join lobby");
            assertEquals("nick ossl", openssl.readLine());
            assertEquals("joined lobby, members: plain, ossl", openssl.readLine());
            assertEquals("* ossl joined lobby", plain.readLine());
            plain.sendLine("hello openssl");
            assertEquals("[lobby] <plain> hello openssl", openssl.readLine());
            openssl.sendLine("hello plain");
            assertEquals("[lobby] <plain> hello openssl", plain.readLine());
            assertEquals("[lobby] <ossl> hello plain", plain.readLine());
            openssl.sendLine("quit");
            assertEquals("[lobby] <ossl> hello plain", openssl.readLine());
            assertEquals("bye", openssl.readLine());
            assertEquals(0, openssl.awaitExit(Duration.ofSeconds(5)), "openssl's exit after the server's close_notify");
        }
    }

    @Test
    void opensslCannotRenegotiateOverTls12() throws Exception {
        Tls.assumeOpenssl();
        CloseCounts counts = new CloseCounts();
        try (EcoServer server = start(counts);
                OpensslClient openssl = OpensslClient.interactive(tls(server).getPort(), "-tls1_2")) {
            openssl.sendLine("before renegotiating");
            openssl.skipTo("before renegotiating"); // past the session openssl prints
            openssl.sendLine("R"); // openssl's command: a new handshake on the open connection
            openssl.sendLine("after renegotiating");
            assertNotEquals(0, openssl.awaitExit(Duration.ofSeconds(10)), "openssl's stderr: " + openssl.stderr());
            String stderr = String.join("\n", openssl.stderr());
            assertTrue(stderr.contains("RENEGOTIATING"), "openssl tried: " + stderr);
            assertTrue(stderr.contains("alert handshake failure"), "the server refused with an alert: " + stderr);
            assertFalse(openssl.rest().contains("after renegotiating"), "the connection went on after it");
            await().atMost(Duration.ofSeconds(5)).until(() -> counts.of(Close.PEER) == 1);
        }
    }

    @Test
    void opensslOfferingOnlyCbcSuitesOverTls12IsRefused() throws Exception {
        Tls.assumeOpenssl();
        try (EcoServer server = start(new CloseCounts());
                OpensslClient cbc = OpensslClient.connect(
                        tls(server).getPort(),
                        "-tls1_2",
                        "-cipher",
                        "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA")) {
            assertNotEquals(0, cbc.awaitExit(Duration.ofSeconds(10)));
            String stderr = String.join("\n", cbc.stderr());
            assertTrue(stderr.contains("handshake failure"), "the server refused the handshake: " + stderr);
        }
    }

    @Test
    void opensslOverTls12IsServedAndTls11IsRefused() throws Exception {
        Tls.assumeOpenssl();
        CloseCounts counts = new CloseCounts();
        try (EcoServer server = start(counts)) {
            int port = tls(server).getPort();
            try (OpensslClient tls12 = OpensslClient.connect(port, "-tls1_2")) {
                tls12.sendLine("over tls 1.2").sendLine("quit");
                assertEquals("over tls 1.2", tls12.readLine());
                assertEquals("bye", tls12.readLine());
                assertEquals(0, tls12.awaitExit(Duration.ofSeconds(5)));
            }
            // OpenSSL 3 refuses TLS 1.1 itself at its default security level; level 0 lets it try.
            try (OpensslClient tls11 = OpensslClient.connect(port, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0")) {
                int exit = tls11.awaitExit(Duration.ofSeconds(10));
                String stderr = String.join("\n", tls11.stderr());
                assumeFalse(
                        stderr.contains("no protocols available"),
                        "this openssl cannot speak TLS 1.1 at all, so the server's refusal cannot be seen: " + stderr);
                assertNotEquals(0, exit, "openssl's exit code; its stderr: " + stderr);
                assertTrue(
                        stderr.contains("protocol version") || stderr.contains("alert"),
                        "openssl should report the server's refusal: " + stderr);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> counts.of(Close.HANDSHAKE) == 1);
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateEndsItsHandshakeAndTheServerGoesOn() throws Exception {
        CloseCounts counts = new CloseCounts();
        try (EcoServer server = start(counts)) {
            // The JDK's default truststore does not know this certificate: the client sends an alert and closes.
            assertThrows(
                    SSLHandshakeException.class,
                    () -> Tls.connect(SSLContext.getDefault(), tls(server), "localhost", true)
                            .close());
            await().atMost(Duration.ofSeconds(5)).until(() -> counts.of(Close.HANDSHAKE) == 1);
            try (TestClient good = trustingClient(server, "localhost")) {
                assertEquals("still serving", good.roundTrip("still serving"));
            }
        }
    }

    @Test
    void plainTextOnTheTlsPortIsClosedCleanlyAndTheServerGoesOn() throws Exception {
        CloseCounts counts = new CloseCounts();
        try (EcoServer server = start(counts);
                Socket plain = new Socket()) {
            plain.connect(tls(server), 5_000);
            plain.setSoTimeout(5_000);
            plain.getOutputStream().write("hello, is this echo?\n".getBytes(StandardCharsets.UTF_8));
            InputStream in = plain.getInputStream();
            // At most a TLS alert comes back, then end of stream: never an echo, never a hang.
            byte[] all = in.readNBytes(1024);
            assertTrue(
                    all.length < 16,
                    "a few bytes of alert at most, not " + new String(all, StandardCharsets.ISO_8859_1));
            await().atMost(Duration.ofSeconds(5)).until(() -> counts.of(Close.HANDSHAKE) == 1);
            assertEquals(0, counts.of(Close.ERROR), "a failed handshake is not a server error: " + counts);
            try (TestClient good = trustingClient(server, "localhost")) {
                assertEquals("still serving", good.roundTrip("still serving"));
            }
        }
    }

    @Test
    void aClientThatNeverHandshakesIsClosedAfterTheHandshakeTimeoutAndGivesItsPlaceBack() throws Exception {
        CloseCounts counts = new CloseCounts();
        Duration timeout = Duration.ofMillis(300);
        try (EcoServer server = start(
                        counts,
                        ServerConfig.forTests().toBuilder().maxConnections(1).tlsHandshakeTimeout(timeout));
                Socket silent = new Socket()) {
            long started = System.nanoTime(); // before the connect, so before the server's timer starts
            silent.connect(tls(server), 5_000);
            silent.setSoTimeout(5_000);
            assertEquals(-1, silent.getInputStream().read(), "closed without a byte");
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(tookMillis >= timeout.toMillis(), "closed after " + tookMillis + " ms, before the timeout");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
            assertEquals(1, counts.of(Close.HANDSHAKE), counts.toString());
            // Its one place is free again: a client is served, not told server_full. (A plain one: the listeners
            // share their places, and a TLS client's own handshake could miss a 300 ms timeout on a busy machine.)
            try (TestClient good = TestClient.connect(server.tcpAddress())) {
                assertEquals("my turn", good.roundTrip("my turn"));
            }
        }
    }
}

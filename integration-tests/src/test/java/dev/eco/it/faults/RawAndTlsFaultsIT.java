package dev.eco.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.TcpStats;
import dev.eco.it.support.TestClient;
import dev.eco.it.support.Tls;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.tls.SelfSigned;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.OptionalLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults act on the raw listener and over TLS as on the line listener: the bytes counted are the client's. */
class RawAndTlsFaultsIT {

    private static EcoServer server;
    private static SSLContext trusting;

    @BeforeAll
    static void start() throws Exception {
        server = EcoServer.start(ServerConfig.forTests().toBuilder()
                .tls(0, SelfSigned.generate().context())
                .build());
        trusting = Tls.trustingAnything();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void noFaults() {
        server.faults().clear();
    }

    private static TestClient tls() throws IOException {
        return TestClient.over(Tls.connect(trusting, server.tlsAddress().orElseThrow(), "localhost", false));
    }

    private static TestClient raw() throws IOException {
        return TestClient.connect(server.rawAddress().orElseThrow());
    }

    @Test
    void rawBytesAreHeldAndSlicedAndComeBackExactly() throws IOException {
        server.faults().set("latency=200ms; slice=2,pause=10ms");
        byte[] bytes = {0, 1, 2, (byte) 0xff, '\n', 5, 6};
        try (TestClient client = raw()) {
            int rawPort = server.rawAddress().orElseThrow().getPort();
            OptionalLong before = TcpStats.dataSegmentsOut(rawPort, client.localPort());
            long sent = System.nanoTime();
            client.send(bytes);
            assertArrayEquals(bytes, client.readBytes(bytes.length));
            assertTrue(Duration.ofNanos(System.nanoTime() - sent).toMillis() >= 200, "the reply came early");
            OptionalLong after = TcpStats.dataSegmentsOut(rawPort, client.localPort());
            if (before.isPresent() && after.isPresent()) {
                assertEquals(4, after.getAsLong() - before.getAsLong(), "7 bytes in slices of 2: four segments");
            }
        }
    }

    @Test
    void rawCloseAfterCountsTheRawBytes() throws IOException {
        server.faults().set("close-after=3");
        try (TestClient client = raw()) {
            client.send("abcdef");
            assertArrayEquals("abc".getBytes(UTF_8), client.readBytes(3));
            assertEquals(-1, client.in().read());
        }
    }

    @Test
    void overTlsCloseAfterCountsPlainTextBytesThenClosesCleanly() throws IOException {
        try (TestClient client = tls()) {
            server.faults().set("close-after=5");
            client.sendLine("hello world");
            assertArrayEquals("hello".getBytes(UTF_8), client.readBytes(5));
            assertEquals(-1, client.in().read(), "close_notify: a proper end of stream, not a truncation");
        }
    }

    @Test
    void overTlsResetAfterResets() throws IOException {
        try (TestClient client = tls()) {
            server.faults().set("reset-after=5");
            client.sendLine("hello world");
            assertArrayEquals("hello".getBytes(UTF_8), client.readBytes(5));
            assertThrows(SocketException.class, () -> client.in().read());
        }
    }

    @Test
    void overTlsEachSliceIsARecordOfItsOwnAndTheLineArrivesWhole() throws IOException {
        try (TestClient client = tls()) {
            int tlsPort = server.tlsAddress().orElseThrow().getPort();
            server.faults().set("slice=3,pause=5ms");
            OptionalLong before = TcpStats.dataSegmentsOut(tlsPort, client.localPort());
            assertEquals("sliced over tls", client.roundTrip("sliced over tls"));
            OptionalLong after = TcpStats.dataSegmentsOut(tlsPort, client.localPort());
            if (before.isPresent() && after.isPresent()) {
                long segments = after.getAsLong() - before.getAsLong();
                // Six slices, six records at least (TLS 1.3 may send a session ticket of its own among them).
                assertTrue(segments >= 6, "16 bytes in slices of 3 came in " + segments + " segments");
            }
        }
    }

    @Test
    void aBlackholedTlsConnectionNeverGetsItsHandshake() throws IOException {
        server.faults().set("blackhole");
        InetSocketAddress address = server.tlsAddress().orElseThrow();
        Socket tcp = new Socket(address.getAddress(), address.getPort());
        try (SSLSocket ssl =
                (SSLSocket) trusting.getSocketFactory().createSocket(tcp, "localhost", address.getPort(), true)) {
            ssl.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, ssl::startHandshake, "the client's handshake timeout fires");
        }
        server.faults().clear();
        try (TestClient client = tls()) {
            assertEquals("served again", client.roundTrip("served again"));
        }
    }
}

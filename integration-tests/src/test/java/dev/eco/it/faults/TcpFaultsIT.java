package dev.eco.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eco.it.support.TcpStats;
import dev.eco.it.support.TestClient;
import dev.eco.junit.EcoServerExtension;
import dev.eco.server.ServerConfig;
import dev.eco.server.testing.Faults;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each fault on the line listener, over real sockets, with what a well-written client sees: the bytes are
 * always the echo's, only when, in how many pieces and whether the connection survives change. Timing is
 * only ever checked from below (a held reply cannot come early; a loaded machine only makes it later).
 */
class TcpFaultsIT {

    @RegisterExtension
    final EcoServerExtension eco = new EcoServerExtension(ServerConfig.forTests());

    private Faults faults() {
        return eco.server().faults();
    }

    private TestClient connect() throws IOException {
        return TestClient.connect(eco.server().tcpAddress());
    }

    @Test
    void latencyHoldsEachReplyAndAShortReadTimeoutFiresWhileTheReplyStillComesWhole() throws IOException {
        faults().set("latency=1s");
        try (TestClient client = connect()) {
            long sent = System.nanoTime();
            assertEquals("first", client.roundTrip("first"));
            assertTrue(Duration.ofNanos(System.nanoTime() - sent).toMillis() >= 1_000, "the reply came early");

            client.sendLine("second");
            client.socket().setSoTimeout(100);
            assertThrows(SocketTimeoutException.class, () -> client.in().read(), "the client's timeout fires");
            client.socket().setSoTimeout(10_000);
            assertEquals("second", client.readLine(), "a client that keeps reading gets the reply, intact");
        }
    }

    @Test
    void bandwidthPacesTheReplyAndKeepsItsBytes() throws IOException {
        faults().set("bandwidth=2000");
        String line = "x".repeat(999);
        try (TestClient client = connect()) {
            long sent = System.nanoTime();
            assertEquals(line, client.roundTrip(line));
            // 1,000 bytes at 2,000 a second leave in pieces of 200, a tenth of a second apart: 0.4 s at least.
            long took = Duration.ofNanos(System.nanoTime() - sent).toMillis();
            assertTrue(took >= 400, "1,000 bytes at 2,000 B/s came in " + took + " ms");
        }
    }

    @Test
    void sliceWritesEachReplyInSeparateSegmentsThatAClientPutsBackTogether() throws IOException {
        faults().set("slice=4,pause=20ms");
        try (TestClient client = connect()) {
            int serverPort = eco.server().tcpAddress().getPort();
            OptionalLong before = TcpStats.dataSegmentsOut(serverPort, client.localPort());
            assertEquals("0123456789abcdef", client.roundTrip("0123456789abcdef"), "17 bytes, reassembled");
            OptionalLong after = TcpStats.dataSegmentsOut(serverPort, client.localPort());
            assumeTrue(before.isPresent() && after.isPresent(), "ss -ti is needed to count the server's segments");
            assertEquals(5, after.getAsLong() - before.getAsLong(), "17 bytes in slices of 4: five segments");
        }
    }

    @Test
    void closeAfterWritesExactlyThatManyBytesThenAnEndOfStream() throws IOException {
        faults().set("close-after=5");
        try (TestClient client = connect()) {
            client.sendLine("hello world");
            assertArrayEquals("hello".getBytes(UTF_8), client.readBytes(5));
            assertEquals(-1, client.in().read(), "a clean close (FIN): end of stream, not a reset");
        }
    }

    @Test
    void resetAfterWritesExactlyThatManyBytesThenAReset() throws IOException {
        faults().set("reset-after=5");
        try (TestClient client = connect()) {
            client.sendLine("hello world");
            assertArrayEquals("hello".getBytes(UTF_8), client.readBytes(5));
            SocketException reset =
                    assertThrows(SocketException.class, () -> client.in().read());
            assertTrue(String.valueOf(reset.getMessage()).contains("reset"), "not a reset: " + reset);
        }
    }

    @Test
    void stallAfterStopsTheConnectionUntilTheFaultIsClearedThenItGoesOnWhereItStopped() throws IOException {
        faults().set("stall-after=5");
        try (TestClient client = connect()) {
            client.sendLine("hello world");
            assertArrayEquals("hello".getBytes(UTF_8), client.readBytes(5));
            client.socket().setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> client.in().read(), "the client's timeout fires");
            client.sendLine("more"); // not read while stalled

            faults().clear();
            client.socket().setSoTimeout(10_000);
            assertEquals(" world", client.readLine(), "the rest of the reply, not a byte lost");
            assertEquals("more", client.readLine());
        }
    }

    @Test
    void blackholeAcceptsButNeverServesUntilCleared() throws IOException {
        faults().set("blackhole");
        try (TestClient client = connect()) { // the kernel accepts it
            client.sendLine("anyone there?");
            client.socket().setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> client.in().read(), "the client's timeout fires");

            faults().clear();
            client.socket().setSoTimeout(10_000);
            assertEquals("anyone there?", client.readLine(), "served once the blackhole is gone");
        }
    }

    @Test
    void aFaultSwitchedOnUnderAnOpenConnectionActsOnItsNextReply() throws IOException {
        try (TestClient client = connect()) {
            assertEquals("before", client.roundTrip("before"));
            faults().set("close-after=0");
            client.sendLine("after");
            assertEquals(-1, client.in().read(), "closed before a byte of the next reply");
        }
    }

    @Test
    void faultsCombineAndTheBytesStayTheEchosOwn() throws IOException {
        faults().set("latency=200ms; slice=3,pause=5ms");
        String line = "ünïcödé is cut in the middle of its letters";
        try (TestClient client = connect()) {
            long sent = System.nanoTime();
            assertEquals(line, client.roundTrip(line));
            assertTrue(Duration.ofNanos(System.nanoTime() - sent).toMillis() >= 200, "the reply came early");
        }
    }

    @Test
    void aSeededProbabilityPicksSomeConnectionsAndSparesTheOthers() throws IOException {
        faults().set("close-after=0,probability=50%,seed=7");
        int closed = 0;
        int echoed = 0;
        for (int i = 0; i < 20; i++) {
            try (TestClient client = connect()) {
                client.sendLine("x");
                InputStream in = client.in();
                int first = in.read();
                if (first < 0) {
                    closed++;
                } else {
                    assertEquals('x', first);
                    echoed++;
                }
            }
        }
        assertTrue(closed > 0 && echoed > 0, closed + " closed and " + echoed + " echoed of 20");
    }
}

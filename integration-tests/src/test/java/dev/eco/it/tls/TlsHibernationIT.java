package dev.eco.it.tls;

import static dev.eco.it.HibernationIT.awaitHibernated;
import static dev.eco.it.HibernationIT.pokeUntilHibernated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.TestClient;
import dev.eco.it.support.Tls;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerConfigBuilder;
import dev.eco.server.tls.ServerKeys;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS connection hibernates like a plain one once its handshake is done: the JDK's TLS reads a record's exact
 * bytes from the TCP socket, so between reads nothing waits above it, and whatever wakes it, nothing is lost.
 */
class TlsHibernationIT {

    @TempDir
    static Path dir;

    static SSLContext server;
    static SSLContext client;

    @BeforeAll
    static void makeKeys() throws Exception {
        Tls.Keys keys = Tls.make(dir);
        server = ServerKeys.load(keys.keystore(), Tls.PASSWORD.toCharArray()).context();
        client = Tls.trusting(Tls.certificate(keys.certificatePem()));
    }

    private static EcoServer start(ServerConfigBuilder config) throws Exception {
        return EcoServer.start(
                config.hibernateAfter(Duration.ofMillis(100)).tls(0, server).build());
    }

    private static TestClient connect(EcoServer server) throws Exception {
        return TestClient.over(Tls.connect(client, server.tlsAddress().orElseThrow(), "localhost", true));
    }

    @Test
    void aFrameCutAcrossSleepsIsAnsweredWhole() throws Exception {
        try (EcoServer eco = start(ServerConfig.forTests().toBuilder());
                TestClient tls = connect(eco)) {
            awaitHibernated(eco, 1); // handshake done, waiting for its first bytes
            tls.send("part 1, "); // one record, no line yet
            int pokes = pokeUntilHibernated(eco, tls, '-');
            tls.send("end\n");
            assertEquals("part 1, " + "-".repeat(pokes) + "end", tls.readLine());
            assertEquals("hello over tls", tls.roundTrip("hello over tls"));
        }
    }

    @Test
    void aHalfCloseWakesItAndTheLastFrameIsAnswered() throws Exception {
        try (EcoServer eco = start(ServerConfig.forTests().toBuilder());
                TestClient tls = connect(eco)) {
            assertEquals("hi", tls.roundTrip("hi"));
            tls.send("last without newline");
            int pokes = pokeUntilHibernated(eco, tls, '!');
            tls.socket().shutdownOutput(); // close_notify
            assertEquals("last without newline" + "!".repeat(pokes), tls.readLine());
            tls.assertEof();
        }
    }

    @Test
    void theIdleTimeoutAndShutdownReachHibernatedTlsConnections() throws Exception {
        EcoServer eco = start(ServerConfig.forTests().toBuilder().idleTimeout(Duration.ofSeconds(3)));
        try (TestClient idle = connect(eco)) {
            assertEquals("hi", idle.roundTrip("hi"));
            idle.send("p"); // an unterminated frame, answered at the idle timeout before the notice
            int pokes = pokeUntilHibernated(eco, idle, 'p');
            assertEquals("p".repeat(1 + pokes), idle.readLine(), "the unterminated frame is answered first");
            assertTrue(idle.readLine().startsWith("error: idle_timeout: "));
            idle.assertEof();
            try (TestClient staying = connect(eco)) {
                assertEquals("still here", staying.roundTrip("still here"));
                pokeUntilHibernated(eco, staying, 'u'); // unterminated: at shutdown, not answered
                eco.close();
                assertEquals("server shutting down", staying.readLine());
                staying.assertEof();
            }
        } finally {
            eco.close();
        }
    }
}

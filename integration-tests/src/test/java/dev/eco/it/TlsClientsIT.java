package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.Tls;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.tls.ServerKeys;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eco's own clients over TLS: send, chat and bench, trusting a --ca, the JDK's CAs, or anything. */
class TlsClientsIT {

    @TempDir
    static Path dir;

    static Tls.Keys keys;
    static EcoServer server;
    static String tls;

    @BeforeAll
    static void start() throws Exception {
        keys = Tls.make(dir);
        ServerKeys serverKeys = ServerKeys.load(keys.keystore(), Tls.PASSWORD.toCharArray());
        server = EcoServer.start(
                ServerConfig.forTests().toBuilder().tls(0, serverKeys.context()).build());
        tls = "127.0.0.1:" + server.tlsAddress().orElseThrow().getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sendTrustsTheCertificateGivenWithCaAndVerifiesTheHostName() {
        ClientRuns.Result byAddress = ClientRuns.inProcess(
                "", "send", "--tls", "--ca", keys.certificatePem().toString(), tls, "over", "tls");
        assertEquals(0, byAddress.exit(), byAddress.toString());
        assertEquals(List.of("over tls"), byAddress.outLines());
        assertEquals("", byAddress.err(), "nothing to warn about");
        String byName = "localhost:" + server.tlsAddress().orElseThrow().getPort();
        ClientRuns.Result named = ClientRuns.inProcess(
                "", "send", "--tls", "--ca", keys.certificatePem().toString(), byName, "by name");
        assertEquals(0, named.exit(), named.toString());
        assertEquals(List.of("by name"), named.outLines());
    }

    @Test
    void sendRefusesACertificateItDoesNotTrustInOneSentence() {
        ClientRuns.Result result = ClientRuns.inProcess("", "send", "--tls", tls, "hello");
        assertEquals(1, result.exit(), result.toString());
        assertEquals(
                "eco send: TLS handshake with " + tls + " failed: its certificate is not trusted (give its CA with"
                        + " --ca FILE; --insecure skips the check, for development only)",
                result.err().strip());
    }

    @Test
    void insecureAcceptsTheCertificateAndSaysSoOnce() {
        ClientRuns.Result result =
                ClientRuns.inProcess("", "send", "--tls", "--insecure", "-c", "2", "-i", "0", tls, "ping");
        assertEquals(0, result.exit(), result.toString());
        assertEquals(
                List.of("eco send: --insecure: the server's certificate is not checked"),
                result.err().lines().toList());
        assertTrue(result.outLines().getLast().startsWith("2 sent, 2 received"), result.toString());
    }

    @Test
    void chatOverTlsFromAPipe() {
        ClientRuns.Result result = ClientRuns.inProcess(
                "first\n/ping\n", "chat", "--tls", "--ca", keys.certificatePem().toString(), tls);
        assertEquals(0, result.exit(), result.toString());
        assertEquals(List.of("first", "pong"), result.outLines());
    }

    @Test
    void tlsOptionsThatCannotWorkAreUsageErrors() {
        ClientRuns.Result udp = ClientRuns.inProcess("", "send", "--tls", "--udp", tls, "x");
        assertEquals(2, udp.exit(), udp.toString());
        assertEquals(
                "eco send: --tls speaks the line protocol: it cannot be used with --udp",
                udp.err().lines().findFirst().orElseThrow());
        ClientRuns.Result ca = ClientRuns.inProcess("", "chat", "--ca", "x.pem", tls);
        assertEquals(2, ca.exit(), ca.toString());
        assertEquals("eco chat: --ca needs --tls", ca.err().lines().findFirst().orElseThrow());
        ClientRuns.Result rate = ClientRuns.inProcess("", "bench", "tcp", "--tls", "--rate", "100", tls);
        assertEquals(2, rate.exit(), rate.toString());
        assertEquals(
                "eco bench: --tls runs the closed loop only: leave out --rate",
                rate.err().lines().findFirst().orElseThrow());
    }

    @Test
    void benchOverTlsChecksEveryReply() {
        ClientRuns.Result result = ClientRuns.inProcess(
                "",
                "bench",
                "tcp",
                "--tls",
                "--ca",
                keys.certificatePem().toString(),
                "-c",
                "3",
                "-P",
                "4",
                "-d",
                "500ms",
                "-w",
                "100ms",
                "--json",
                tls);
        assertEquals(0, result.exit(), result.toString());
        String json = result.out();
        assertTrue(json.contains("\"errors\":0"), json);
        assertTrue(json.contains("\"connected\":3"), json);
        assertTrue(!json.contains("\"messages\":0,"), "some replies were measured: " + json);
    }
}

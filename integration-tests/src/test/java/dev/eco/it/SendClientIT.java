package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.ClientRuns.Result;
import dev.eco.junit.EcoTest;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code eco send} against a real server on ephemeral ports, and against stubs for its failures. */
@EcoTest
class SendClientIT {

    private EcoServer server;
    private String host;
    private String tcpPort;

    @BeforeEach
    void start(EcoServer eco) {
        server = eco;
        host = "127.0.0.1";
        tcpPort = String.valueOf(server.tcpAddress().getPort());
    }

    @Test
    void theWordsAreJoinedIntoOneMessage() {
        Result run = ClientRuns.inProcess("", "send", host, tcpPort, "hello", "eco", "world");

        assertEquals(0, run.exit(), run::toString);
        assertEquals("hello eco world\n", run.out(), run::toString);
        assertEquals("", run.err(), run::toString);
    }

    @Test
    void withoutWordsEachLineOfStandardInputIsAMessage() throws Exception {
        Result run = ClientRuns.process("one\ntwo\n/ping\n", "send", host, tcpPort);

        assertEquals(0, run.exit(), run::toString);
        assertEquals(List.of("one", "two", "pong"), run.outLines(), run::toString);
        assertEquals("", run.err(), run::toString);
    }

    @Test
    void aGreetingIsNotTakenForTheReply() throws IOException {
        try (EcoServer greeting = EcoServer.start(
                ServerConfig.forTests().toBuilder().greeting("welcome").build())) {
            Result run = ClientRuns.inProcess(
                    "", "send", host, String.valueOf(greeting.tcpAddress().getPort()), "hi");

            assertEquals(0, run.exit(), run::toString);
            assertEquals("hi\n", run.out(), run::toString);
        }
    }

    @Test
    void jsonWrapsTheMessageAndPrintsTheReplyAsItCame() {
        Result run = ClientRuns.inProcess("", "send", "--json", host, tcpPort, "hi", "there");

        assertEquals(0, run.exit(), run::toString);
        assertEquals("{\"type\":\"message\",\"body\":\"hi there\",\"seq\":1}\n", run.out(), run::toString);
    }

    @Test
    void udpSendsOneDatagramPerMessage() {
        String udpPort = String.valueOf(server.udpAddress().orElseThrow().getPort());

        Result run = ClientRuns.inProcess("a\nb\n", "send", "--udp", host, udpPort);

        assertEquals(0, run.exit(), run::toString);
        assertEquals(List.of("a", "b"), run.outLines(), run::toString);
    }

    @Test
    void rawSendsBytesAsTheyAreAndChecksTheWholeEcho() {
        String rawPort = String.valueOf(server.rawAddress().orElseThrow().getPort());
        long seed = System.nanoTime();
        byte[] payload = new byte[300_000]; // much more than one read or one socket buffer
        new Random(seed).nextBytes(payload);
        payload[payload.length - 1] = 'x'; // and no newline at the end

        Result run = ClientRuns.inProcess(
                new ByteArrayInputStream(payload), "send", "--raw", "--count", "2", "--interval", "0", host, rawPort);

        assertEquals(0, run.exit(), () -> "seed " + seed + "\n" + run);
        assertEquals(3, run.outLines().size(), run::toString);
        assertTrue(run.outLines().get(0).startsWith("300000 bytes echoed  time="), run::toString);
        assertTrue(run.outLines().get(2).startsWith("2 sent, 2 received, rtt min/avg/max = "), run::toString);
    }

    @Test
    void rawPrintsTheEchoOfTheWords() {
        String rawPort = String.valueOf(server.rawAddress().orElseThrow().getPort());

        Result run = ClientRuns.inProcess("", "send", "--raw", host, rawPort, "no", "newline");

        assertEquals(0, run.exit(), run::toString);
        assertEquals("no newline\n", run.out(), run::toString);
    }

    @Test
    void rawDetectsAWrongEcho() throws IOException {
        try (StubServers wrong = StubServers.echoing(bytes -> {
            bytes[bytes.length - 1] ^= 0x20; // flips the case of the last letter of each read
            return bytes;
        })) {
            Result run = ClientRuns.inProcess("", "send", "--raw", host, String.valueOf(wrong.port()), "abc");

            assertEquals(1, run.exit(), run::toString);
            assertEquals(
                    "eco send: the echo differs from what was sent at byte 2 of 3: sent 0x63, got 0x43\n",
                    run.err(),
                    run::toString);
        }
    }

    @Test
    void countRepeatsAndSumsUpTheRoundTripsLikePing() {
        Result run =
                ClientRuns.inProcess("", "send", "--count", "3", "--interval", "10ms", host, tcpPort, "ping", "me");

        assertEquals(0, run.exit(), run::toString);
        List<String> lines = run.outLines();
        assertEquals(4, lines.size(), run::toString);
        for (String line : lines.subList(0, 3)) {
            assertTrue(line.matches("ping me  time=\\d+\\.\\d{3} ms"), run::toString);
        }
        assertTrue(
                lines.get(3).matches("3 sent, 3 received, rtt min/avg/max = [\\d.]+/[\\d.]+/[\\d.]+ ms"),
                run::toString);
    }

    @Test
    void aServerThatNeverAnswersIsATimeoutAndExitOne() throws IOException {
        try (StubServers silent = StubServers.silent()) {
            Result run =
                    ClientRuns.inProcess("", "send", "--timeout", "300ms", host, String.valueOf(silent.port()), "hi");

            assertEquals(1, run.exit(), run::toString);
            assertEquals(
                    "eco send: no reply from 127.0.0.1:" + silent.port() + " within 300ms\n", run.err(), run::toString);
        }
    }

    @Test
    void anUnreachableServerIsOneSentenceWithoutStackTrace() throws Exception {
        int port = ChatClientIT.closedPort();

        Result run = ClientRuns.process("", "send", host, String.valueOf(port), "hi");

        assertEquals(1, run.exit(), run::toString);
        assertEquals(
                "eco send: cannot connect to 127.0.0.1:" + port + ": connection refused\n", run.err(), run::toString);
    }

    @Test
    void udpAndRawTogetherIsBadUsage() {
        Result run = ClientRuns.inProcess("", "send", "--udp", "--raw", host, tcpPort, "hi");

        assertEquals(2, run.exit(), run::toString);
        assertEquals(
                "eco send: --udp and --raw cannot be used together\nTry 'eco send --help'.\n",
                run.err(),
                run::toString);
    }
}

package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.ClientRuns.Result;
import dev.eco.it.support.TestClient;
import dev.eco.junit.EcoTest;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code eco chat} with a piped standard input, against a real server on ephemeral ports and against stubs. */
@EcoTest
class ChatClientIT {

    private EcoServer server;
    private String tcpPort;

    @BeforeEach
    void start(EcoServer eco) {
        server = eco;
        tcpPort = String.valueOf(server.tcpAddress().getPort());
    }

    @Test
    void pipedLinesAndQuitPrintTheEchoAndByeThenExitZero() {
        Result run = ClientRuns.inProcess("hola\nquit\n", "chat", "127.0.0.1", tcpPort);

        assertEquals(0, run.exit(), run::toString);
        assertEquals(List.of("hola", "bye"), run.outLines(), run::toString);
        assertEquals("", run.err(), run::toString);
    }

    @Test
    void theRealProcessDoesTheSameFromAPipe() throws Exception {
        Result run = ClientRuns.process("hola\nquit\n", "chat", "127.0.0.1", tcpPort);

        assertEquals(0, run.exit(), run::toString);
        assertEquals(List.of("hola", "bye"), run.outLines(), run::toString);
        assertEquals("", run.err(), run::toString);
    }

    @Test
    void withoutQuitItExitsAfterTheReplyToTheLastLine() {
        Result run = ClientRuns.inProcess("one\n/ping\nthree\n", "chat", "127.0.0.1", tcpPort);

        assertEquals(0, run.exit(), run::toString);
        assertEquals(List.of("one", "pong", "three"), run.outLines(), run::toString);
    }

    @SuppressWarnings("try") // closing the typed input is its end of input; the try only cleans up
    @Test
    void inARoomAPipedSessionEndsAfterAQuietTimeoutNotAfterCountingOthersLines() throws Exception {
        try (TestClient bob = TestClient.connect(server.tcpAddress());
                PipedOutputStream typing = new PipedOutputStream();
                PipedInputStream stdin = new PipedInputStream(typing)) {
            assertEquals("nick bob", bob.roundTrip("/nick bob"));
            assertTrue(bob.roundTrip("/join lobby").startsWith("joined lobby"));
            CompletableFuture<Result> chat = CompletableFuture.supplyAsync(
                    () -> ClientRuns.inProcess(stdin, "chat", "--timeout", "1s", "127.0.0.1", tcpPort));

            typing.write("/join lobby\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            assertTrue(bob.readLine().endsWith(" joined lobby"));
            bob.sendLine("one").sendLine("two");
            assertEquals("[lobby] <bob> one", bob.readLine());
            assertEquals("[lobby] <bob> two", bob.readLine());
            // The chat has now had three lines back (its join, one, two) for the two it will have sent:
            // counting would end it before its own line comes back, waiting for quiet does not.
            typing.write("mine\n".getBytes(StandardCharsets.UTF_8));
            typing.close();
            Result run = chat.get(30, TimeUnit.SECONDS);

            assertEquals(0, run.exit(), run::toString);
            List<String> lines = run.outLines();
            assertEquals(4, lines.size(), run::toString);
            assertTrue(lines.get(0).startsWith("joined lobby, members: "), run::toString);
            assertEquals(List.of("[lobby] <bob> one", "[lobby] <bob> two"), lines.subList(1, 3), run::toString);
            assertTrue(lines.get(3).matches("\\[lobby] <guest-\\d+> mine"), run::toString);
            assertEquals("", run.err(), run::toString);
            assertTrue(run.took().compareTo(Duration.ofSeconds(1)) >= 0, run::toString);
        }
    }

    @Test
    void aGreetingIsPrintedButNotTakenForAReply() throws IOException {
        try (EcoServer greeting = EcoServer.start(
                ServerConfig.forTests().toBuilder().greeting("welcome").build())) {
            Result run = ClientRuns.inProcess(
                    "a\nb\n",
                    "chat",
                    "127.0.0.1",
                    String.valueOf(greeting.tcpAddress().getPort()));

            assertEquals(0, run.exit(), run::toString);
            assertEquals(List.of("welcome", "a", "b"), run.outLines(), run::toString);
        }
    }

    @Test
    void jsonSendsEachLineAsAMessageAndQuitAsJson() {
        Result run = ClientRuns.inProcess("hi\nquit\n", "chat", "--json", "127.0.0.1", tcpPort);

        assertEquals(0, run.exit(), run::toString);
        assertEquals(
                List.of("{\"type\":\"message\",\"body\":\"hi\",\"seq\":1}", "{\"type\":\"bye\"}"),
                run.outLines(),
                run::toString);
    }

    @Test
    void udpSendsEachLineAsADatagram() {
        String udpPort = String.valueOf(server.udpAddress().orElseThrow().getPort());

        Result run = ClientRuns.inProcess("hola\nquit\n", "chat", "--udp", "127.0.0.1", udpPort);

        assertEquals(0, run.exit(), run::toString);
        assertEquals(List.of("hola", "bye"), run.outLines(), run::toString);
    }

    @Test
    void anUnreachableServerIsOneSentenceAndExitOne() throws Exception {
        int port = closedPort();

        Result run = ClientRuns.process("hola\n", "chat", "127.0.0.1", String.valueOf(port));

        assertEquals(1, run.exit(), run::toString);
        assertEquals(
                "eco chat: cannot connect to 127.0.0.1:" + port + ": connection refused\n", run.err(), run::toString);
        assertEquals("", run.out(), run::toString);
    }

    @Test
    void aServerThatNeverAnswersEndsWithinTheTimeout() throws IOException {
        try (StubServers silent = StubServers.silent()) {
            Result run = ClientRuns.inProcess(
                    "hola\n", "chat", "--timeout", "500ms", "127.0.0.1", String.valueOf(silent.port()));

            assertEquals(1, run.exit(), run::toString);
            assertEquals(
                    "eco chat: no reply from 127.0.0.1:" + silent.port()
                            + " within 500ms (sent 1 line, received 0 replies)\n",
                    run.err(),
                    run::toString);
            assertTrue(run.took().compareTo(Duration.ofSeconds(10)) < 0, run::toString);
        }
    }

    @Test
    void quitToAServerThatNeverSaysByeEndsWithinTheTimeout() throws IOException {
        try (StubServers silent = StubServers.silent()) {
            Result run = ClientRuns.inProcess(
                    "quit\n", "chat", "--timeout", "300ms", "127.0.0.1", String.valueOf(silent.port()));

            assertEquals(1, run.exit(), run::toString);
            assertEquals(
                    "eco chat: no bye from 127.0.0.1:" + silent.port() + " within 300ms after quit\n",
                    run.err(),
                    run::toString);
        }
    }

    @Test
    void aServerClosingMidSessionIsOneLineAndExitOne() throws IOException {
        try (StubServers once = StubServers.answersOnceThenCloses();
                PipedOutputStream typing = new PipedOutputStream();
                PipedInputStream stdin = new PipedInputStream(typing)) {
            // The input stays open: the client must notice the close without waiting for more input.
            typing.write("first\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();

            Result run = ClientRuns.inProcess(stdin, "chat", "127.0.0.1", String.valueOf(once.port()));

            assertEquals(1, run.exit(), run::toString);
            assertEquals(List.of("first"), run.outLines(), run::toString);
            assertEquals("eco chat: connection closed by server\n", run.err(), run::toString);
        }
    }

    @Test
    void everyAddressOfANameIsTriedInTurn() throws IOException {
        // localhost here may resolve to 127.0.0.1 only, or to ::1 first; the server is on 127.0.0.1 only.
        Result run = ClientRuns.inProcess("hola\n", "chat", "localhost", tcpPort);

        assertEquals(0, run.exit(), run::toString);
        assertEquals(List.of("hola"), run.outLines(), run::toString);
    }

    @Test
    void badUsageIsExitTwo() {
        Result run = ClientRuns.inProcess("", "chat", "127.0.0.1", "70000");

        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().startsWith("eco chat: "), run::toString);
        assertTrue(run.err().contains("Try 'eco chat --help'."), run::toString);
        assertFalse(run.err().contains("Exception"), run::toString);
    }

    /** A loopback port that nothing listens on (just released). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

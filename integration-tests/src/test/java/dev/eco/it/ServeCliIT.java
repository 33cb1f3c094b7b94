package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.cli.Main;
import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.FreePorts;
import dev.eco.it.support.TestClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code eco serve} on the command line: what it prints, what it accepts, and how it says no. */
class ServeCliIT {

    private static final Pattern LISTENING = Pattern.compile("eco listening (tcp|udp|raw) 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void printsOneListeningLinePerListenerWithItsRealPort() throws Exception {
        try (EcoProcess eco = EcoProcess.serve("--port", "0", "--raw-port", "0")) {
            int tcp = eco.port("tcp");
            int udp = eco.port("udp");
            int raw = eco.port("raw");
            assertEquals(
                    List.of(
                            "eco listening tcp 127.0.0.1:" + tcp,
                            "eco listening udp 127.0.0.1:" + udp,
                            "eco listening raw 127.0.0.1:" + raw),
                    eco.stdout());
            assertTrue(tcp > 0 && udp > 0 && raw > 0);
            try (TestClient client = TestClient.connect(tcp)) {
                assertEquals("tcp works", client.roundTrip("tcp works"));
            }
            try (DatagramSocket client =
                    new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                client.setSoTimeout(5_000);
                byte[] hello = "udp works".getBytes(StandardCharsets.UTF_8);
                client.send(new DatagramPacket(hello, hello.length, new InetSocketAddress(EcoProcess.HOST, udp)));
                DatagramPacket reply = new DatagramPacket(new byte[100], 100);
                client.receive(reply);
                assertArrayEquals(hello, Arrays.copyOf(reply.getData(), reply.getLength()));
            }
            assertEquals(0, eco.terminate(Duration.ofSeconds(10)));
            assertEquals(3, eco.stdout().size(), "standard output carries only the listening lines: " + eco.stdout());
        }
    }

    @Test
    void udpOffGreetingLimitsAndASilentRawListener() throws Exception {
        try (EcoProcess eco = EcoProcess.serve(
                "--port",
                "0",
                "--udp-port",
                "off",
                "--raw-port",
                "0",
                "--greeting",
                "hi",
                "--max-frame",
                "64",
                "--idle-timeout",
                "300ms")) {
            try (TestClient line = TestClient.connect(eco.port("tcp"))) {
                assertEquals("hi", line.readLine(), "the greeting comes first");
                assertEquals("echo", line.roundTrip("echo"));
                assertEquals(
                        "error: frame_too_long: a frame longer than 64 bytes was discarded",
                        line.roundTrip("x".repeat(65)));
                assertEquals("error: idle_timeout: nothing sent or received for 300 ms; closing", line.readLine());
                line.assertEof();
            }
            try (TestClient raw = TestClient.connect(eco.port("raw"))) {
                raw.send("x");
                assertEquals(
                        'x', raw.readBytes(1)[0], "the raw listener sends nothing of its own, not even the greeting");
            }
            assertEquals(0, eco.terminate(Duration.ofSeconds(10)));
            List<String> stdout = eco.stdout();
            assertEquals(2, stdout.size(), stdout.toString());
            assertTrue(stdout.stream().allMatch(l -> LISTENING.matcher(l).matches()), stdout.toString());
            assertTrue(
                    stdout.stream().noneMatch(l -> l.contains(" udp ")), "no UDP line with --udp-port off: " + stdout);
        }
    }

    @Test
    void theEcoPortEnvironmentVariableIsHonoured() throws Exception {
        int port = FreePorts.tcp();
        try (EcoProcess eco = EcoProcess.serve(Map.of("ECO_PORT", String.valueOf(port), "ECO_UDP_PORT", "off"))) {
            assertEquals(port, eco.port("tcp"));
            try (TestClient client = TestClient.connect(port)) {
                assertEquals("env", client.roundTrip("env"));
            }
        }
    }

    @Test
    void theWriteTimeoutEnvironmentVariableIsRead() throws Exception {
        try (EcoProcess eco = EcoProcess.start(
                Map.of("ECO_WRITE_TIMEOUT", "whenever"), "serve", "--port", "0", "--udp-port", "off")) {
            assertTrue(eco.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "eco did not exit");
            assertEquals(2, eco.process().exitValue(), "a bad ECO_WRITE_TIMEOUT is bad usage");
            org.awaitility.Awaitility.await("the sentence names the bad value")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> String.join("\n", eco.stderr()).contains("whenever"));
        }
    }

    @Test
    void versionComesFromTheJarManifest() throws Exception {
        EcoProcess.Result result = EcoProcess.run("--version");
        assertEquals(0, result.exitCode(), result.stderr().toString());
        assertEquals(1, result.stdout().size(), result.stdout().toString());
        assertTrue(
                result.stdout().getFirst().matches("eco \\d+\\.\\d+\\.\\d+.*"),
                result.stdout().getFirst());
    }

    @Test
    void helpExitsZeroAndDescribesTheOptions() {
        Run top = runInProcess("--help");
        assertEquals(0, top.exitCode());
        assertTrue(top.out().contains("serve"), top.out());
        Run serve = runInProcess("serve", "--help");
        assertEquals(0, serve.exitCode());
        for (String option : List.of(
                "--port",
                "--udp-port",
                "--raw-port",
                "--max-connections",
                "--max-connections-per-address",
                "ECO_MAX_CONNECTIONS_PER_ADDRESS",
                "--idle-timeout",
                "--frame-timeout",
                "ECO_FRAME_TIMEOUT",
                "--write-timeout",
                "ECO_WRITE_TIMEOUT",
                "--greeting",
                "--fault=SPEC",
                "ECO_FAULT",
                "--fault-admin")) {
            assertTrue(serve.out().contains(option), option + " missing from:\n" + serve.out());
        }
        assertEquals("", serve.err());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--port, 70000",
        "--port, abc",
        "--port, -1",
        "--udp-port, 65536",
        "--idle-timeout, soon",
        "--write-timeout, never",
        "--shutdown-grace, 5 sec",
        "--log-level, loud",
        "--max-connections, 0",
        "--max-connections-per-address, -1",
        "--frame-timeout, soon",
        "--raw-port, same",
        "--max-frame, 2147483647",
        "--max-pending-bytes, 2147483647",
    })
    void aBadValueGetsOneSentenceAndExitCodeTwo(String option, String value) {
        Run run = runInProcess("serve", option, value);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out(), "no usage dump on standard output");
        List<String> lines = run.err().lines().toList();
        assertTrue(lines.size() <= 2, "one sentence and a pointer to --help, not:\n" + run.err());
        assertTrue(
                lines.getFirst().startsWith("eco serve: ") && lines.getFirst().contains(value.strip()),
                "the sentence names the bad value: " + lines.getFirst());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
    }

    @Test
    void aPortInUseGetsOneSentenceAndExitCodeOne() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Run run = runInProcess("serve", "--port", String.valueOf(port), "--udp-port", "off");
            assertEquals(1, run.exitCode(), run.err());
            assertEquals("eco serve: --port " + port + " is in use\n", run.err());
        }
    }

    @Test
    void aUdpPortInUseIsNamedByItsOption() throws IOException {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Run run = runInProcess("serve", "--port", "0", "--udp-port", String.valueOf(port));
            assertEquals(1, run.exitCode(), run.err());
            assertEquals("eco serve: --udp-port " + port + " is in use\n", run.err());
        }
    }

    @Test
    void aRawPortThatIsTheTcpPortIsRefused() {
        Run run = runInProcess("serve", "--port", "7123", "--raw-port", "7123");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("eco serve: --raw-port must differ from --port"), run.err());
    }

    @Test
    void anAddressThatIsNotLocalGetsOneSentenceAndExitCodeOne() {
        Run run = runInProcess("serve", "--host", "192.0.2.1", "--port", "0", "--udp-port", "off"); // TEST-NET-1
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("eco serve: cannot listen on 192.0.2.1 port 0"), run.err());
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run runInProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}

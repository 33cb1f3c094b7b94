package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.FreePorts;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mistakes a newcomer makes first, each answered by one sentence that names the cause and the right
 * exit status (1 at run time, 2 for bad usage), never a stack trace or a success that is not one.
 */
class CliErrorsIT {

    @Test
    void benchWithNothingListeningIsOneSentenceAndExitOne() {
        int port = FreePorts.tcp();
        ClientRuns.Result run = ClientRuns.inProcess("", "bench", "tcp", String.valueOf(port), "-d", "1s");
        assertEquals(1, run.exit(), run.toString());
        assertEquals(
                "eco bench: cannot connect to 127.0.0.1:" + port + ": connection refused",
                run.err().strip(),
                run.toString());
        assertEquals("", run.out(), run.toString());
    }

    @Test
    void benchInTheWrongModeFailsAndSaysWhy() throws Exception {
        try (EcoProcess eco = EcoProcess.serve("--port", "0", "--udp-port", "off")) {
            int port = eco.port("tcp");
            // raw sends no LF, so eco's line port never answers: 0 replies and 0 errors must not pass
            ClientRuns.Result run =
                    ClientRuns.inProcess("", "bench", "raw", String.valueOf(port), "-d", "500ms", "-w", "0");
            assertEquals(1, run.exit(), run.toString());
            String err = run.err().strip();
            assertTrue(
                    err.startsWith("eco bench: no reply came to the 1 message sent: is 127.0.0.1:" + port
                                    + " a raw server?")
                            && err.endsWith("eco's line port is 'tcp', its --raw-port 'raw', its UDP port 'udp', its"
                                    + " --ws-port 'ws'"),
                    err);
            assertEquals(1, err.lines().count(), err);
        }
    }

    @Test
    void anUnknownCommandIsNamedAndTheCommandsListed() {
        ClientRuns.Result run = ClientRuns.inProcess("", "foo");
        assertEquals(2, run.exit(), run.toString());
        assertEquals(
                List.of(
                        "eco: unknown command 'foo': the commands are serve, chat, send, bench, fanout, help",
                        "Try 'eco --help'."),
                run.err().lines().toList());
    }

    @Test
    void aBadEnvironmentValueNamesTheVariable() throws Exception {
        EcoProcess.Result run = EcoProcess.run(Map.of("ECO_PORT", "abc"), "serve");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(
                List.of(
                        "eco serve: environment variable ECO_PORT: 'abc' is not a port number",
                        "Try 'eco serve --help'."),
                run.stderr());
    }

    @Test
    void theSameValueOnTheCommandLineNamesTheOption() {
        ClientRuns.Result run = ClientRuns.inProcess("", "serve", "-p", "abc");
        assertEquals(2, run.exit(), run.toString());
        assertEquals(
                List.of("eco serve: --port: 'abc' is not a port number", "Try 'eco serve --help'."),
                run.err().lines().toList());
    }

    @Test
    void rawPortEqualToPortIsAUsageError() throws Exception {
        int port = FreePorts.tcp();
        // a real process, so that a missing check (a server that starts) cannot hang the test JVM
        EcoProcess.Result run =
                EcoProcess.run("serve", "--port", String.valueOf(port), "--raw-port", String.valueOf(port));
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(List.of("eco serve: --raw-port must differ from --port", "Try 'eco serve --help'."), run.stderr());
    }

    @Test
    void aUdpPortInUseIsOneSentenceThatNamesIt() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = taken.getLocalPort();
            EcoProcess.Result run = EcoProcess.run("serve", "--port", String.valueOf(port));
            assertEquals(1, run.exitCode(), run.toString());
            assertEquals(1, run.stderr().size(), run.toString());
            String line = run.stderr().getFirst();
            assertTrue(
                    line.startsWith("eco serve: ")
                            && line.contains("udp")
                            && line.contains(String.valueOf(port))
                            && line.contains("in use"),
                    line);
            assertFalse(line.contains("Exception"), line);
        }
    }

    @Test
    void aDurationNeedsItsUnit() {
        ClientRuns.Result run = ClientRuns.inProcess("", "serve", "--idle-timeout", "5");
        assertEquals(2, run.exit(), run.toString());
        assertEquals(
                "eco serve: --idle-timeout: '5' needs a unit: use e.g. 5s or 5ms (ms, s, m, h)",
                run.err().lines().findFirst().orElseThrow());
    }

    @Test
    void aLoneNumberIsAPortOnLoopbackForEveryClient() {
        int port = FreePorts.tcp();
        String refused = " to 127.0.0.1:" + port + ": connection refused"; // fanout names the member too
        for (String command : List.of("chat", "send", "fanout", "bench")) {
            List<String> args = switch (command) {
                case "send" -> List.of("send", String.valueOf(port), "hi");
                case "bench" -> List.of("bench", "tcp", String.valueOf(port));
                case "fanout" -> List.of("fanout", String.valueOf(port), "-m", "2");
                default -> List.of(command, String.valueOf(port));
            };
            ClientRuns.Result run = ClientRuns.inProcess("", args.toArray(String[]::new));
            assertEquals(1, run.exit(), command + ": " + run);
            assertTrue(run.err().contains(refused), command + ": " + run);
        }
    }

    @Test
    void aHostWithoutAPortSaysWhichFormsThereAre() {
        ClientRuns.Result run = ClientRuns.inProcess("", "send", "localhost", "hello");
        assertEquals(2, run.exit(), run.toString());
        assertEquals(
                "eco send: 'localhost' needs a port: give the server as PORT, HOST PORT, HOST:PORT or [IPv6]:PORT",
                run.err().lines().findFirst().orElseThrow());
        ClientRuns.Result extra = ClientRuns.inProcess("", "chat", "127.0.0.1", "9999", "more");
        assertEquals(2, extra.exit(), extra.toString());
        assertTrue(extra.err().startsWith("eco chat: unexpected 'more' after the server address"), extra.toString());
    }

    @Test
    void aBracketedIpv6AddressIsReadAsHostAndPort() {
        ClientRuns.Result run = ClientRuns.inProcess("", "send", "[::1]:1", "hi");
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.err().startsWith("eco send: cannot connect to [::1]:1: "), run.toString());
    }
}

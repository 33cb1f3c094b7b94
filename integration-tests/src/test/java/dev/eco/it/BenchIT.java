package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.bench.Bench;
import dev.eco.bench.BenchConfig;
import dev.eco.bench.BenchException;
import dev.eco.bench.Mode;
import dev.eco.bench.Result;
import dev.eco.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** eco bench against small servers started here: a right one must give no errors, wrong ones must. */
@Timeout(30)
class BenchIT {

    private static final Duration SHORT = Duration.ofMillis(800);

    @Test
    void aCorrectEchoServerGivesRepliesAndNoErrors() throws IOException {
        try (EchoServer server = new EchoServer(bytes -> bytes)) {
            Result r = Bench.run(config(Mode.TCP, server.port(), 4, 2), null);
            assertTrue(r.messages() > 0, "messages " + r.messages());
            assertEquals(0, r.errors(), "errors");
            assertEquals(4, r.openAtEnd());
            assertTrue(r.latencyMicros(99) > 0);
        }
    }

    @Test
    void rawModeAndTheOpenLoopWorkToo() throws IOException {
        try (EchoServer server = new EchoServer(bytes -> bytes)) {
            BenchConfig raw = config(Mode.RAW, server.port(), 3, 4);
            Result r = Bench.run(
                    new BenchConfig(
                            Mode.RAW,
                            "127.0.0.1",
                            server.port(),
                            3,
                            SHORT,
                            Duration.ZERO,
                            100,
                            1,
                            2000,
                            raw.timeout(),
                            1),
                    null);
            assertTrue(r.messages() > 1000, "messages " + r.messages()); // 2,000/s for 0.8 s
            assertEquals(0, r.errors());
        }
    }

    @Test
    void aServerThatChangesAByteIsCaught() throws IOException {
        UnaryOperator<byte[]> flipFirst = bytes -> {
            bytes[0] ^= 1;
            return bytes;
        };
        try (EchoServer server = new EchoServer(flipFirst)) {
            Result r = Bench.run(config(Mode.TCP, server.port(), 2, 1), null);
            assertTrue(r.mismatches() > 0, "mismatches " + r.mismatches());
            assertEquals(0, r.messages(), "no changed reply may count as right");
        }
    }

    @Test
    void aServerThatDropsRepliesTimesOut() throws IOException {
        try (EchoServer server = new EchoServer(bytes -> new byte[0])) {
            BenchConfig c = config(Mode.TCP, server.port(), 2, 1);
            Result r = Bench.run(
                    new BenchConfig(
                            c.mode(), c.host(), c.port(), 2, SHORT, Duration.ZERO, 64, 1, 0, Duration.ofMillis(300), 1),
                    null);
            assertEquals(0, r.messages());
            assertEquals(2, r.timeouts());
        }
    }

    @Test
    void udpEchoIsMeasured() throws IOException {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread.ofVirtual().start(() -> {
                DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                try {
                    while (true) {
                        p.setLength(2048);
                        udp.receive(p);
                        udp.send(p);
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            Result r = Bench.run(config(Mode.UDP, udp.getLocalPort(), 2, 2), null);
            assertTrue(r.messages() > 0);
            assertEquals(0, r.errors());
        }
    }

    @Test
    void nothingListeningIsOneSentence() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        BenchException e = assertThrows(BenchException.class, () -> Bench.run(config(Mode.TCP, port, 1, 1), null));
        assertTrue(
                e.getMessage().equals("cannot connect to 127.0.0.1:" + port + ": connection refused"), e.getMessage());
    }

    @Test
    void theCommandLinePrintsASummaryAndJson() throws IOException {
        try (EchoServer server = new EchoServer(bytes -> bytes)) {
            StringWriter out = new StringWriter();
            var cli = Main.commandLine();
            cli.setOut(new PrintWriter(out));
            int status = cli.execute(
                    "bench", "tcp", String.valueOf(server.port()), "-c", "2", "-d", "500ms", "-w", "0", "--json");
            assertEquals(0, status);
            String line = out.toString().strip();
            assertTrue(
                    line.startsWith("{\"mode\":\"tcp\"") && line.contains("\"errors\":0") && !line.contains("\n"),
                    line);
        }
    }

    @Test
    void aBadOptionIsExitStatus2AndOneSentence() {
        StringWriter err = new StringWriter();
        var cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("bench", "tcp", "7000", "--pipeline", "0"));
        assertTrue(err.toString().startsWith("eco bench: --pipeline must be 1 to 4096"), err.toString());
        assertEquals(2, err.toString().strip().lines().count(), "the sentence and a pointer to --help: " + err);
    }

    private static BenchConfig config(Mode mode, int port, int connections, int pipeline) {
        return new BenchConfig(
                mode,
                "127.0.0.1",
                port,
                connections,
                SHORT,
                Duration.ofMillis(200),
                64,
                pipeline,
                0,
                Duration.ofSeconds(2),
                1);
    }

    /** Echoes what each read brings, after {@code change}; a virtual thread per connection. */
    private static final class EchoServer implements AutoCloseable {
        private final ServerSocket server;

        EchoServer(UnaryOperator<byte[]> change) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket s = server.accept();
                        Thread.ofVirtual().start(() -> echo(s, change));
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
        }

        private static void echo(Socket s, UnaryOperator<byte[]> change) {
            try (s;
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream()) {
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(change.apply(java.util.Arrays.copyOf(buf, n)));
                }
            } catch (IOException e) {
                // the generator closed
            }
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}

package dev.eco.it.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code nats-server -js} for one test: loopback, a port that was free, a JetStream store in a temporary
 * directory. It can be stopped (SIGTERM), killed (SIGKILL) and started again on the same port and store, which is
 * what the fault tests need. {@code close()} stops it and deletes the store; it is safe twice.
 */
public final class NatsServer implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(15);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    /**
     * Outside the ephemeral range: while the server is down between a stop and its start again, any outgoing
     * connection on the machine may take an ephemeral port as its source port, and the start would fail with
     * "address already in use" (seen once in NatsRestartIT).
     */
    private final int port = FreePorts.tcpOutsideEphemeralRange();

    private final Path store;
    private final Path logFile;
    private final List<String> extraArgs;
    private Process process;

    private NatsServer(List<String> extraArgs) throws IOException {
        this.extraArgs = List.copyOf(extraArgs);
        store = Files.createTempDirectory("eco-nats-");
        logFile = store.resolveSibling(store.getFileName() + ".log");
    }

    /**
     * Starts one, or skips the test when nats-server is not installed, unless {@code CI=true}: there a missing
     * nats-server is a failure (.ci/run installs it).
     */
    public static NatsServer start() throws IOException {
        NatsServer server = prepare();
        server.startAgain();
        return server;
    }

    /**
     * Starts one with more of nats-server's options, e.g. {@code --user eco --pass PASSWORD}, {@code --auth TOKEN}
     * or {@code -c FILE} (the port, store and JetStream options given here win over the file's).
     */
    public static NatsServer start(String... extraArgs) throws IOException {
        requireInstalled();
        NatsServer server = new NatsServer(List.of(extraArgs));
        server.startAgain();
        return server;
    }

    /** A server with its port and store chosen but not started yet (for a node that must wait for NATS). */
    public static NatsServer prepare() throws IOException {
        requireInstalled();
        return new NatsServer(List.of());
    }

    public static void requireInstalled() {
        Tools.require(
                installed(), "nats-server is not installed (Debian package nats-server): skipping the NATS tests");
    }

    /** Debian puts nats-server in /usr/sbin, which is not on a normal user's PATH. */
    static String binary() {
        for (String candidate :
                List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "nats-server";
    }

    private static boolean installed() {
        return Tools.runs(binary(), "--version");
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** (Re)starts the server on the same port and store; returns once it accepts connections. */
    public synchronized void startAgain() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("nats-server is already running on port " + port);
        }
        List<String> command = new java.util.ArrayList<>(
                List.of(binary(), "-js", "-a", "127.0.0.1", "-p", String.valueOf(port), "-sd", store.toString()));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        await("nats-server on port " + port)
                .atMost(START_LIMIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> accepts() || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("nats-server exited at start: " + Files.readString(logFile));
        }
    }

    /** SIGTERM, then waits for it to end: JetStream flushes its store. */
    public synchronized void stop() throws InterruptedException {
        end(false);
    }

    /** SIGKILL: NATS dies as in a crash. */
    public synchronized void kill() throws InterruptedException {
        end(true);
    }

    private void end(boolean force) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        try {
            end(false);
        } catch (InterruptedException e) {
            process.destroyForcibly(); // asked to stop waiting: kill it, and keep the interrupt for the test to see
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(store)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

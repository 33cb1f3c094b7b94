package dev.eco.it.support;

import static org.awaitility.Awaitility.await;

import dev.eco.server.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code eco} process: the jar failsafe names in {@code eco.jar}, run by the test JVM's own java.
 * Standard output and standard error are collected line by line; {@link #close()} stops it with SIGTERM and,
 * failing that, SIGKILL.
 */
public final class EcoProcess implements AutoCloseable {

    /** How long a start may take before the listening lines must be there. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    /** Where {@code eco serve} listens unless given another host: an IP literal, so nothing is looked up. */
    public static final InetAddress HOST = InetAddress.ofLiteral(ServerConfig.DEFAULT_HOST);

    private static final Pattern LISTENING =
            Pattern.compile("eco listening (tcp|udp|raw|tls|ws|wss|metrics) (\\S+):(\\d+)");

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Thread outPump;
    private final Thread errPump;

    private EcoProcess(Process process) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), stdout, "eco-stdout");
        this.errPump = pump(process.getErrorStream(), stderr, "eco-stderr");
    }

    /** Starts {@code eco serve ARGS} and waits until it prints its tcp listening line. */
    public static EcoProcess serve(String... args) throws IOException {
        return serve(Map.of(), args);
    }

    public static EcoProcess serve(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("serve"));
        command.addAll(List.of(args));
        return started(start(env, command.toArray(String[]::new)));
    }

    private static EcoProcess started(EcoProcess eco) {
        try {
            eco.port("tcp");
        } catch (RuntimeException | Error e) {
            eco.close();
            throw new AssertionError("eco did not start; stderr: " + eco.stderr(), e);
        }
        return eco;
    }

    /**
     * Starts {@code eco serve ARGS} under a lower limit of open files ({@code ulimit -n}) and waits until it
     * listens. The shell execs java, so the process is still the JVM itself.
     */
    public static EcoProcess serveWithOpenFileLimit(int limit, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "ulimit -n " + limit + " && exec \"$@\"", "sh"));
        command.addAll(List.of(javaBinary().toString(), "-jar", jar().toString(), "serve"));
        command.addAll(List.of(args));
        return started(launch(command, Map.of()));
    }

    /** Starts {@code eco ARGS} without waiting for anything. */
    public static EcoProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary().toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        return launch(command, env);
    }

    private static EcoProcess launch(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("ECO_"));
        builder.environment().putAll(env);
        return new EcoProcess(builder.start());
    }

    /** Runs {@code eco ARGS} to its end (at most 30 s) and returns its exit code and output. */
    public static Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    /** The same with these environment variables (any other {@code ECO_*} removed). */
    public static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        try (EcoProcess eco = start(env, args)) {
            if (!eco.process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("eco " + String.join(" ", args) + " did not end within 30 s");
            }
            eco.outPump.join(5_000);
            eco.errPump.join(5_000);
            return new Result(eco.process.exitValue(), List.copyOf(eco.stdout), List.copyOf(eco.stderr));
        }
    }

    public record Result(int exitCode, List<String> stdout, List<String> stderr) {}

    /** The port of the listener of this kind ({@code tcp}, {@code udp}, {@code raw}, {@code tls}, {@code metrics}), waiting for its line. */
    public int port(String kind) {
        return await().atMost(START_TIMEOUT)
                .until(() -> listeningPort(kind), Optional::isPresent)
                .orElseThrow();
    }

    /** The address of the listener of this kind on {@link #HOST}, waiting for its line. */
    public InetSocketAddress address(String kind) {
        return new InetSocketAddress(HOST, port(kind));
    }

    private Optional<Integer> listeningPort(String kind) {
        if (!process.isAlive() && stdout.stream().noneMatch(line -> line.startsWith("eco listening " + kind))) {
            throw new AssertionError("eco exited with " + process.exitValue() + " before listening; stderr: " + stderr);
        }
        for (String line : stdout) {
            Matcher m = LISTENING.matcher(line);
            if (m.matches() && m.group(1).equals(kind)) {
                return Optional.of(Integer.parseInt(m.group(3)));
            }
        }
        return Optional.empty();
    }

    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    /** Standard error so far, one element per line. */
    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    public Process process() {
        return process;
    }

    /** The CPU time the process has used so far, user and system. */
    public Duration cpuTime() {
        return process.info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this system does not report a process's CPU time"));
    }

    /**
     * Sends SIGTERM and waits for the exit; returns the exit code, or fails if it did not end in time. What the
     * process writes while it shuts down is read to its end: the signal goes through its {@link ProcessHandle},
     * since {@link Process#destroy()} also closes our ends of its output at once.
     */
    public int terminate(Duration within) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("eco did not exit within " + within.toMillis() + " ms of SIGTERM");
        }
        outPump.join(5_000);
        errPump.join(5_000);
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            outPump.join(2_000);
            errPump.join(2_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream stream, List<String> lines, String name) {
        return Thread.ofPlatform().name(name).daemon(true).start(() -> {
            // Lines are split at LF only, so a CR inside a log line stays visible to the test.
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = reader.read()) >= 0) {
                    if (c == '\n') {
                        lines.add(line.toString());
                        line.setLength(0);
                    } else {
                        line.append((char) c);
                    }
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static Path jar() {
        String jar = System.getProperty("eco.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(
                    "system property eco.jar must name the built app/target/eco.jar (failsafe sets it"
                            + " when run with ./mvnw verify); it is " + jar);
        }
        return Path.of(jar);
    }
}

package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the eco command line for a test, in-process or as the real process, with a piped standard input. */
final class ClientRuns {

    /** What one run gave: its exit status and everything it printed. */
    record Result(int exit, String out, String err, Duration took) {
        List<String> outLines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + " after " + took.toMillis() + " ms\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private ClientRuns() {}

    /** {@code eco ARGS} through {@link Main#commandLine(InputStream)}, with {@code stdin} as its input. */
    static Result inProcess(String stdin, String... args) {
        return inProcess(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    static Result inProcess(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long started = System.nanoTime();
        int exit = assertTimeoutPreemptively(
                LIMIT,
                () -> Main.commandLine(stdin)
                        .setOut(new PrintWriter(out, true))
                        .setErr(new PrintWriter(err, true))
                        .execute(args));
        return new Result(exit, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** {@code java -jar eco.jar ARGS} with the test JVM's Java (25), {@code stdin} piped in and then closed. */
    static Result process(byte[] stdin, String... args) throws IOException, InterruptedException {
        Process process = start(args);
        long started = System.nanoTime();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the client may exit before it read everything (e.g. after quit): that is its right
        }
        boolean ended = process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended, "eco " + String.join(" ", args) + " did not end within " + LIMIT);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new Result(
                process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8),
                took);
    }

    static Result process(String stdin, String... args) throws IOException, InterruptedException {
        return process(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Starts {@code java -jar eco.jar ARGS}; the caller owns the process. */
    static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    /** {@code [JAVA, -jar, ECO_JAR]}: the test JVM's own java (JDK 25) and the jar failsafe names. */
    static List<String> javaCommand() {
        String jar = System.getProperty("eco.jar");
        assertTrue(
                jar != null && Files.isRegularFile(Path.of(jar)),
                "the system property eco.jar must name the built app/target/eco.jar (failsafe sets it): " + jar);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-jar", Path.of(jar).toAbsolutePath().normalize().toString());
    }
}

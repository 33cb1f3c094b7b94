package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eco.it.support.EcoProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell example of README.md and docs/protocol.md that talks to eco through {@code nc}, run as printed
 * with Debian's default {@code nc} (OpenBSD's, which does not close the connection when its input ends)
 * against a real {@code eco serve}: each must end by itself and print exactly what the document shows.
 *
 * <p>README's examples are the {@code $ } lines of its {@code console} blocks, each followed by its output;
 * docs/protocol.md's are {@code sh} blocks, each run whole, followed by a block of {@code < } lines. The
 * documents use ports 9999 (line protocol and UDP) and 9998 (raw); the test's server is on free ports, which
 * replace them. Each document has a server of its own, its examples run in the order printed (README's chat
 * example is its first guest: {@code guest-1}).
 */
class ReadmeExamplesIT {

    /** Far less than eco's idle timeout (5 minutes), which is how long an example that never ends would take. */
    private static final Duration EXAMPLE_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern NC = Pattern.compile("\\|\\s*nc\\s");

    private static final Path ROOT = Path.of(System.getProperty("eco.root"));

    @TempDir
    static Path work;

    private static EcoProcess readmeServer;
    private static EcoProcess protocolServer;

    @BeforeAll
    static void openbsdNc() throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("nc", "-h").redirectErrorStream(true).start();
        } catch (IOException e) {
            missing("no nc on PATH (" + e.getMessage() + ")");
            return;
        }
        String help = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        probe.waitFor(10, TimeUnit.SECONDS);
        if (!help.contains("OpenBSD netcat")) {
            missing("nc on PATH is not OpenBSD's netcat (Debian's netcat-openbsd): "
                    + help.lines().findFirst());
        }
    }

    /** Outside CI the test is skipped, with this message; under CI=true a missing tool fails it. */
    private static void missing(String why) {
        String message = why + ": install netcat-openbsd (.ci/run does) to run README's nc examples";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        assumeTrue(false, message);
    }

    @AfterAll
    static void stopServers() {
        for (EcoProcess eco : new EcoProcess[] {readmeServer, protocolServer}) {
            if (eco != null) {
                eco.close();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> readmesNcExamples() throws IOException {
        List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
        List<Example> examples = consoleExamples(readme);
        assertEquals(
                ncPipes(readme),
                examples.stream()
                        .mapToLong(e -> ncPipes(e.script().lines().toList()))
                        .sum(),
                "every `| nc` of README.md is in a console example the test runs: " + examples);
        readmeServer = EcoProcess.serve("--port", "0", "--raw-port", "0");
        return examples.stream().map(e -> DynamicTest.dynamicTest(e.script(), () -> run(e, readmeServer)));
    }

    @TestFactory
    Stream<DynamicTest> protocolDocsNcExamples() throws IOException {
        List<String> doc = Files.readAllLines(ROOT.resolve("docs/protocol.md"));
        List<Example> examples = scriptExamples(doc);
        assertEquals(
                ncPipes(doc),
                examples.stream()
                        .mapToLong(e -> ncPipes(e.script().lines().toList()))
                        .sum(),
                "every `| nc` of docs/protocol.md is in an example the test runs: " + examples);
        protocolServer = EcoProcess.serve("--port", "0", "--raw-port", "0");
        return examples.stream().map(e -> DynamicTest.dynamicTest(e.script(), () -> run(e, protocolServer)));
    }

    /** A shell script as the document prints it, and the output the document shows for it. */
    record Example(String script, String output) {}

    private static long ncPipes(List<String> lines) {
        return lines.stream().filter(line -> NC.matcher(line).find()).count();
    }

    /** README's form: in a {@code console} block, a {@code $ } line and the lines after it up to the next one. */
    static List<Example> consoleExamples(List<String> lines) {
        List<Example> examples = new ArrayList<>();
        boolean inConsole = false;
        String command = null;
        StringBuilder output = new StringBuilder();
        for (String line : lines) {
            if (!inConsole) {
                inConsole = line.equals("```console");
                continue;
            }
            if (line.equals("```") || line.startsWith("$ ")) {
                if (command != null && NC.matcher(command).find()) {
                    examples.add(new Example(command, output.toString()));
                }
                command = line.startsWith("$ ") ? line.substring(2) : null;
                output.setLength(0);
                inConsole = !line.equals("```");
            } else if (command != null) {
                output.append(line).append('\n');
            }
        }
        return examples;
    }

    /** docs/protocol.md's form: an {@code sh} block that uses nc, then a block of {@code < } lines. */
    static List<Example> scriptExamples(List<String> lines) {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals("```sh")) {
                continue;
            }
            StringBuilder script = new StringBuilder();
            int j = i + 1;
            for (; !lines.get(j).equals("```"); j++) {
                script.append(lines.get(j)).append('\n');
            }
            if (!NC.matcher(script).find()) {
                continue;
            }
            assertEquals("```", lines.get(j + 1), "the output block after line " + (j + 1) + " of docs/protocol.md");
            StringBuilder output = new StringBuilder();
            for (j += 2; lines.get(j).startsWith("<"); j++) {
                output.append(lines.get(j).replaceFirst("^< ?", "")).append('\n');
            }
            examples.add(new Example(script.toString(), output.toString()));
            i = j;
        }
        return examples;
    }

    /** Runs the example with bash in a folder of its own, on the test server's ports; it must end by itself. */
    private static void run(Example example, EcoProcess eco) throws Exception {
        String script = onPorts(example.script(), eco);
        Path folder = Files.createTempDirectory(work, "example");
        Path out = folder.resolve("stdout");
        Path err = folder.resolve("stderr");
        Process bash = new ProcessBuilder("bash", "-c", script)
                .directory(folder.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        boolean ended = bash.waitFor(EXAMPLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            bash.descendants().forEach(ProcessHandle::destroyForcibly);
            bash.destroyForcibly();
        }
        // A document shows CRLF as a line break, and a last line without one (the raw echo of 'no newline
        // here') as a line: the prompt comes after it on a terminal.
        String printed = Files.readString(out, StandardCharsets.UTF_8).replace("\r\n", "\n");
        if (!printed.isEmpty() && !printed.endsWith("\n")) {
            printed += "\n";
        }
        assertTrue(
                ended,
                "did not end by itself within " + EXAMPLE_TIMEOUT.toSeconds() + " s: " + script + "\nprinted so far:\n"
                        + printed);
        assertEquals(example.output(), printed, script + "\nstderr: " + Files.readString(err));
        assertEquals(0, bash.exitValue(), script + "\nstderr: " + Files.readString(err));
        assertFalse(example.output().isEmpty(), "the document shows what comes back: " + script);
    }

    /** 9999 is the line protocol's port (UDP's with nc -u), 9998 the raw listener's. */
    private static String onPorts(String script, EcoProcess eco) {
        StringBuilder rewritten = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String lineProtocol = String.valueOf(eco.port(line.contains(" -u") ? "udp" : "tcp"));
            rewritten
                    .append(line.replace("127.0.0.1 9999", "127.0.0.1 " + lineProtocol)
                            .replace("127.0.0.1 9998", "127.0.0.1 " + eco.port("raw")))
                    .append('\n');
        }
        return rewritten.toString();
    }
}

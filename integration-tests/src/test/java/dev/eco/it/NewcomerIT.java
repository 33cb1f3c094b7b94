package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first steps, on a copy of the checkout (its sources, no build output): the first {@code ./eco}
 * builds eco and says so module by module; README's "eco in your tests" works as printed, in a project of the
 * newcomer's own, with Maven on the machine's default Java (17 here): its install step, its dependency, its
 * toolchains plugin and its test classes, all taken from README.md so that they cannot drift.
 *
 * <p>Nothing is downloaded and nothing is written to the machine's Maven repository: every Maven here runs
 * offline; README's install step installs into a repository in a temporary folder, which reads the rest from
 * the machine's repository ({@code maven.repo.local.tail}). The tests share one copy, the launcher's build
 * first, so that the install step compiles only what the launcher did not.
 */
@TestMethodOrder(OrderAnnotation.class)
class NewcomerIT {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Path ROOT = Path.of(System.getProperty("eco.root"));
    /** The machine's Maven repository, where the outer build found everything. */
    private static final Path MACHINE_REPOSITORY = Path.of(System.getProperty("eco.maven.repository"));

    @TempDir
    static Path work;

    private static Path checkout;

    @BeforeAll
    static void copyTheCheckout() throws IOException {
        checkout = work.resolve("eco");
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = ROOT.relativize(file);
                if (isSource(relative)) {
                    Path copy = checkout.resolve(relative);
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** What a fresh clone has: no build output, no git folder, nothing the build or a fuzzer made. */
    private static boolean isSource(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals(".git") || name.startsWith(".cifuzz") || name.equals(".idea")) {
                return false;
            }
        }
        return !relative.toString().endsWith(".log");
    }

    @Test
    @Order(1)
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // two builds of a 6-module project: more than the global limit
    void theFirstStartBuildsAndSaysWhatItBuilds() throws Exception {
        Run run = run(checkout, Map.of("MAVEN_ARGS", "-o", "ECO_AOT", "off"), "./eco", "--version");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().matches("eco \\d+\\.\\d+\\.\\d+\\S*\n"), run.toString());
        assertEquals(
                List.of(
                        "eco: building eco.jar (first run, or the sources changed)…",
                        "eco: building the parent POM [1/6]",
                        "eco: building protocol [2/6]",
                        "eco: building app [3/6]",
                        "eco: building nats [4/6]",
                        "eco: building prometheus [5/6]",
                        "eco: building cli [6/6]",
                        "eco: built."),
                run.err().lines().toList());

        Run again = run(checkout, Map.of("MAVEN_ARGS", "-o", "ECO_AOT", "off"), "./eco", "--version");
        assertEquals(run.out(), again.out(), again.toString());
        assertEquals("", again.err(), "a second start builds nothing and says nothing");
    }

    @Test
    @Order(2)
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // an install and three Maven builds
    void readmesFixtureSectionWorksAsPrintedOnTheDefaultJava() throws Exception {
        String section = fixtureSection();
        Path repository = work.resolve("repository");

        // README's install step, in the checkout, into a repository of its own
        Matcher install = Pattern.compile("`(\\./mvnw install [^`]*)`").matcher(section);
        assertTrue(install.find(), "README names its install step");
        List<String> installCommand = new ArrayList<>(List.of(install.group(1).split(" ")));
        installCommand.addAll(List.of(
                "-o", "-B", "-q", "-Dmaven.repo.local=" + repository, "-Dmaven.repo.local.tail=" + MACHINE_REPOSITORY));
        Run installed = run(checkout, Map.of("MAVEN_ARGS", ""), installCommand.toArray(String[]::new));
        assertEquals(0, installed.exit(), installed.toString());
        assertTrue(Files.isRegularFile(
                repository.resolve("dev/eco/eco-junit/0.1.0-SNAPSHOT/eco-junit-0.1.0-SNAPSHOT.jar")));

        // the newcomer's project: README's dependency and test classes; the toolchains plugin or JAVA_HOME
        Path project = work.resolve("my-client");
        List<String> tests = blocks(section, "java").stream()
                .filter(block -> block.contains("@EcoTest\nclass "))
                .toList();
        assertEquals(2, tests.size(), "README's complete test classes: " + tests);
        for (String test : tests) {
            Matcher name = Pattern.compile("class (\\w+)").matcher(test);
            assertTrue(name.find());
            Path file = project.resolve("src/test/java/" + name.group(1) + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, test);
        }
        String dependency = only(blocks(section, "xml"), "<artifactId>eco-junit</artifactId>");
        String toolchains = only(blocks(section, "xml"), "<artifactId>maven-toolchains-plugin</artifactId>");

        JavaDefault java = JavaDefault.find();
        Files.writeString(project.resolve("pom.xml"), pom(dependency, ""));
        if (java.feature() < 25) {
            Run plain = maven(project, repository, Map.of());
            assertTrue(
                    plain.exit() != 0 && plain.out().contains("class file has wrong version 69.0"),
                    "on Java " + java.feature() + " alone the project cannot use eco-junit: " + plain);
        }
        Run withJavaHome = maven(project, repository, Map.of("JAVA_HOME", System.getProperty("java.home")));
        assertPassed(withJavaHome);

        Files.writeString(project.resolve("pom.xml"), pom(dependency, toolchains));
        Run withToolchains = maven(project, repository, Map.of());
        assertPassed(withToolchains);
        assertTrue(
                withToolchains.out().contains("Apache Maven")
                        && withToolchains.out().contains("Java version: " + java.version()),
                "Maven ran on the default Java " + java.version() + ": " + withToolchains);
    }

    private static void assertPassed(Run run) {
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0"), run.toString());
    }

    /** README's section "eco in your tests", up to the next section. */
    private static String fixtureSection() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("## eco in your tests");
        assertTrue(start >= 0, "README has its section 'eco in your tests'");
        return readme.substring(start, readme.indexOf("\n## ", start + 1));
    }

    private static List<String> blocks(String markdown, String language) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```" + language + "\n(.*?)```\n", Pattern.DOTALL)
                .matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static String only(List<String> blocks, String containing) {
        List<String> found = blocks.stream().filter(b -> b.contains(containing)).toList();
        assertEquals(1, found.size(), "one block with " + containing + ": " + blocks);
        return found.getFirst();
    }

    /**
     * A newcomer's POM, on Java 17: JUnit Jupiter, README's dependency and, maybe, README's plugin. The
     * plugins eco's build uses are pinned to its versions, so that everything resolves offline.
     */
    private static String pom(String dependency, String plugin) throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        StringBuilder plugins = new StringBuilder();
        for (String name : List.of("maven-compiler-plugin", "maven-surefire-plugin", "maven-resources-plugin")) {
            Matcher version = Pattern.compile("<artifactId>" + name + "</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(parent);
            assertTrue(version.find(), name + " in eco's pom.xml");
            plugins.append("      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>")
                    .append(name)
                    .append("</artifactId><version>")
                    .append(version.group(1))
                    .append("</version></plugin>\n");
        }
        Matcher junit =
                Pattern.compile("<junit.version>([^<]+)</junit.version>").matcher(parent);
        assertTrue(junit.find());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>my-client</artifactId>
                  <version>1.0</version>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <maven.compiler.release>17</maven.compiler.release>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                %s  </dependencies>
                  <build>
                    <plugins>
                %s%s    </plugins>
                  </build>
                </project>
                """.formatted(junit.group(1), dependency, plugins, plugin);
    }

    /** {@code mvn -V test} in the project, with the machine's default Java unless {@code env} sets JAVA_HOME. */
    private static Run maven(Path project, Path repository, Map<String, String> env) throws Exception {
        Path mvn = Path.of(System.getProperty("eco.maven.home"), "bin", "mvn");
        return run(
                project,
                env,
                mvn.toString(),
                "-o",
                "-B",
                "-V",
                "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + MACHINE_REPOSITORY,
                "test");
    }

    /** The {@code java} a newcomer's shell runs: the first on PATH, JAVA_HOME unset. */
    private record JavaDefault(String version, int feature) {
        static JavaDefault find() throws Exception {
            Run run = run(Path.of("."), Map.of(), "java", "-XshowSettings:properties", "-version");
            Matcher version = Pattern.compile("java\\.version = (\\S+)").matcher(run.err());
            assertTrue(version.find(), run.toString());
            return new JavaDefault(
                    version.group(1), Integer.parseInt(version.group(1).split("[.+-]", 2)[0]));
        }
    }

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /**
     * Runs a command in {@code folder}, as from a newcomer's shell: JAVA_HOME unset and no Maven or eco
     * settings of the outer build, then {@code env}.
     */
    private static Run run(Path folder, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("ECO_")
                        || name.startsWith("MAVEN_")
                        || name.equals("JAVA_HOME")
                        || name.equals("JDK_JAVA_OPTIONS"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not end within " + BUILD_TIMEOUT);
            }
        } finally {
            if (process.isAlive()) { // timed out, or the test was interrupted: no build outlives it
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}

package dev.eco.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./eco} launcher's AOT cache: made in the background when missing or stale, and never a reason
 * for a start to fail or to print anything. Each test runs a copy of the script and the jar in a folder of
 * its own (no sources there, so the launcher does not try to build), so the real cli/target is untouched.
 */
class LauncherAotIT {

    private static final Duration TRAINING = Duration.ofSeconds(150);
    /** What {@code ./eco} passes to the JVM when ECO_JAVA_OPTIONS is not set; part of the stamp. */
    private static final String DEFAULT_JVM_OPTIONS =
            "-Xmn16m -XX:+UseCompactObjectHeaders -XX:TrimNativeHeapInterval=10000";

    @TempDir
    Path root;

    private Path cache;
    private Path stamp;

    @BeforeEach
    void copyTheLauncher() throws IOException {
        Path source = Path.of(System.getProperty("eco.root"));
        Files.createDirectories(root.resolve("cli/target"));
        Files.copy(source.resolve("eco"), root.resolve("eco"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(root.resolve(".mvn"));
        Files.copy( // the launcher's search for a JDK, which it sources
                source.resolve(".mvn/find-jdk.sh"),
                root.resolve(".mvn/find-jdk.sh"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(
                Path.of(System.getProperty("eco.jar")),
                root.resolve("cli/target/eco.jar"),
                StandardCopyOption.COPY_ATTRIBUTES);
        cache = root.resolve("cli/target/eco.aot");
        stamp = root.resolve("cli/target/eco.aot.stamp");
    }

    @AfterEach
    void letTheTrainingFinish() {
        // the background training must not outlive the test or write into a deleted folder
        await().atMost(TRAINING).until(() -> !Files.exists(root.resolve("cli/target/eco.aot.lock")));
    }

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void aMissingCacheIsMadeInTheBackgroundAndUsedOnceThere() throws Exception {
        Run first = eco("--version");
        assertEquals(0, first.exit(), first.toString());
        assertTrue(first.out().matches("eco \\d+\\.\\d+\\.\\d+\\S*\n"), first.toString());
        assertEquals("", first.err(), "the first start says nothing about the cache it is making");

        await().atMost(TRAINING)
                .until(() -> Files.exists(stamp) && !Files.exists(root.resolve("cli/target/eco.aot.lock")));
        assertTrue(Files.size(cache) > 1_000_000, "a real cache: " + Files.size(cache));
        Run cached = eco("--version");
        assertEquals(first.out(), cached.out(), cached.toString());
        assertEquals("", cached.err(), cached.toString());
        // -XX:AOTMode=on makes a JVM that cannot use its cache fail: the cache fits the launcher's JVM options
        Run strict = eco(Map.of("JDK_JAVA_OPTIONS", "-XX:AOTMode=on"), "--version");
        assertEquals(0, strict.exit(), strict.toString());
        assertEquals(first.out(), strict.out(), strict.toString());

        // other JVM options make it stale too (a cache made with other object headers would go unused)
        String trained = Files.readString(stamp);
        Run otherOptions = eco(Map.of("ECO_JAVA_OPTIONS", "-Xmn32m"), "--version");
        assertEquals(first.out(), otherOptions.out(), otherOptions.toString());
        assertEquals("", otherOptions.err(), otherOptions.toString());
        await().atMost(TRAINING)
                .until(() -> Files.exists(stamp)
                        && !Files.readString(stamp).equals(trained)
                        && !Files.exists(root.resolve("cli/target/eco.aot.lock")));
        assertTrue(Files.readString(stamp).endsWith(", -Xmn32m\n"), Files.readString(stamp));

        // a rebuilt jar makes the cache stale: it is not used, and a new one is trained for the new jar
        String before = Files.readString(stamp);
        Path jar = root.resolve("cli/target/eco.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        Run stale = eco("--version");
        assertEquals(first.out(), stale.out(), stale.toString());
        await().atMost(TRAINING)
                .until(() -> Files.exists(stamp)
                        && !Files.readString(stamp).equals(before)
                        && !Files.exists(root.resolve("cli/target/eco.aot.lock")));
    }

    @Test
    void aCorruptCacheThatLooksValidNeitherBreaksAStartNorPrints() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new Random(14).nextBytes(garbage);
        Files.write(cache, garbage);
        // the stamp says the cache fits, so the launcher passes it to the JVM: the JVM must start without it
        String fingerprint =
                id(root.resolve("cli/target/eco.jar")) + ", " + id(cache) + ", " + DEFAULT_JVM_OPTIONS + "\n";
        Files.writeString(stamp, fingerprint);
        Run version = eco("--version");
        assertEquals(0, version.exit(), version.toString());
        assertTrue(version.out().matches("eco \\d+\\.\\d+\\.\\d+\\S*\n"), version.toString());
        assertEquals("", version.err(), version.toString());

        Run refused = eco("send", "1", "hi");
        assertEquals(1, refused.exit(), refused.toString());
        assertEquals("", refused.out(), refused.toString());
        assertEquals(
                List.of("eco send: cannot connect to 127.0.0.1:1: connection refused"),
                refused.err().lines().toList());
    }

    /** What {@code stat -c '%s %Y'} prints, as the launcher's stamp holds it. */
    private static String id(Path file) throws IOException {
        return Files.size(file) + " "
                + Files.getLastModifiedTime(file).toInstant().getEpochSecond();
    }

    private record Run(int exit, String out, String err) {}

    private Run eco(String... args) throws Exception {
        return eco(Map.of(), args);
    }

    private Run eco(Map<String, String> environment, String... args) throws Exception {
        List<String> command =
                new java.util.ArrayList<>(List.of(root.resolve("eco").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("ECO_AOT");
        builder.environment().remove("ECO_JAVA_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().putAll(environment);
        Path out = root.resolve("out.txt");
        Path err = root.resolve("err.txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./eco " + String.join(" ", args) + " did not end within 30 s");
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}

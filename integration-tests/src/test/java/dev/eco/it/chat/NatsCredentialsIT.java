package dev.eco.it.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.NatsOperator;
import dev.eco.it.support.NatsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eco serve --nats} logging in to a NATS server that wants credentials: a user and password (from a file,
 * the environment or the URL), a token (from a file or the environment), a credentials file. Each node joins a
 * room, and nothing it prints, at the most talkative log level, contains the secret; URLs are shown without their
 * user-info, also when NATS goes away and comes back.
 */
class NatsCredentialsIT {

    private static final String PASSWORD = secret("pa55-");
    private static final String TOKEN = secret("t0ken-");

    private static String secret(String prefix) {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        return prefix + HexFormat.of().formatHex(random);
    }

    @Test
    void aUserAndPasswordFromAFileTheEnvironmentOrTheUrlAreNeverShown(@TempDir Path dir) throws Exception {
        try (NatsServer nats = NatsServer.start("--user", "eco", "--pass", PASSWORD)) {
            Path file = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
            try (EcoProcess eco = serve(Map.of(), nats.url(), "--nats-user", "eco", "--nats-password-file", file)) {
                assertJoins(eco);
                assertNothingShows(PASSWORD, eco.stdout(), eco.stderr());
            }
            try (EcoProcess eco = serve(Map.of("ECO_NATS_PASSWORD", PASSWORD), nats.url(), "--nats-user", "eco")) {
                assertJoins(eco);
                assertNothingShows(PASSWORD, eco.stdout(), eco.stderr());
            }
            String withUserInfo = "nats://eco:" + PASSWORD + "@127.0.0.1:" + nats.port();
            try (EcoProcess eco = serve(Map.of(), withUserInfo)) {
                assertJoins(eco);
                nats.stop(); // the log names the server when NATS goes and when it is back
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> String.join("\n", eco.stderr()).contains("lost NATS at " + nats.url()));
                nats.startAgain();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> String.join("\n", eco.stderr()).contains("NATS is back at " + nats.url()));
                assertNothingShows(PASSWORD, eco.stdout(), eco.stderr());
            }
            String wrong = "wr0ng-" + PASSWORD;
            EcoProcess.Result refused =
                    EcoProcess.run(Map.of("ECO_NATS_PASSWORD", wrong), args(nats.url(), "--nats-user", "eco"));
            assertEquals(1, refused.exitCode());
            assertEquals(
                    List.of("eco serve: NATS at " + nats.url() + " refused eco's user eco: Authorization Violation"),
                    refused.stderr().stream()
                            .filter(l -> l.startsWith("eco serve:"))
                            .toList(),
                    refused.stderr().toString());
            assertNothingShows(wrong, refused.stdout(), refused.stderr());
        }
    }

    @Test
    void aTokenFromAFileOrTheEnvironmentIsNeverShown(@TempDir Path dir) throws Exception {
        try (NatsServer nats = NatsServer.start("--auth", TOKEN)) {
            Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
            try (EcoProcess eco = serve(Map.of(), nats.url(), "--nats-token-file", file)) {
                assertJoins(eco);
                assertNothingShows(TOKEN, eco.stdout(), eco.stderr());
            }
            try (EcoProcess eco = serve(Map.of("ECO_NATS_TOKEN", TOKEN), nats.url())) {
                assertJoins(eco);
                assertNothingShows(TOKEN, eco.stdout(), eco.stderr());
            }
        }
    }

    @Test
    void aCredentialsFileLogsIn(@TempDir Path dir) throws Exception {
        NatsOperator operator = NatsOperator.create(dir);
        try (NatsServer nats = NatsServer.start("-c", operator.config().toString());
                EcoProcess eco = serve(Map.of(), nats.url(), "--nats-creds", operator.creds())) {
            assertJoins(eco);
            assertNothingShows(operator.seed(), eco.stdout(), eco.stderr());
        }
    }

    @Test
    void credentialsThatDoNotGoTogetherAreOneSentence(@TempDir Path dir) throws Exception {
        EcoProcess.Result noPassword = EcoProcess.run(args("nats://127.0.0.1:1", "--nats-user", "eco"));
        assertEquals(2, noPassword.exitCode());
        // the runs log at debug (to show that no secret is logged even then): the sentence is the one not logged
        assertTrue(
                sentence(noPassword)
                        .contains("--nats-user needs a password: --nats-password-file FILE or env"
                                + " ECO_NATS_PASSWORD"),
                noPassword.stderr().toString());
        EcoProcess.Result twice = EcoProcess.run(
                args("nats://eco:" + PASSWORD + "@127.0.0.1:1", "--nats-creds", dir.resolve("missing.creds")));
        assertEquals(2, twice.exitCode());
        assertTrue(
                sentence(twice).contains("cannot read the NATS credentials file"),
                twice.stderr().toString());
        assertNothingShows(PASSWORD, twice.stdout(), twice.stderr());
    }

    /** The first line of standard error that is not a log line: what eco says to the person. */
    private static String sentence(EcoProcess.Result run) {
        return run.stderr().stream()
                .filter(line -> line.startsWith("eco "))
                .findFirst()
                .orElse("");
    }

    private static String[] args(String url, Object... more) {
        List<String> args = new ArrayList<>(List.of(
                "serve",
                "--port",
                "0",
                "--udp-port",
                "off",
                "--nats",
                url,
                "--node",
                "locked",
                "--log-level",
                "debug"));
        for (Object arg : more) {
            args.add(arg.toString());
        }
        return args.toArray(String[]::new);
    }

    private static EcoProcess serve(Map<String, String> env, String url, Object... more) throws Exception {
        String[] all = args(url, more);
        return EcoProcess.serve(env, java.util.Arrays.copyOfRange(all, 1, all.length));
    }

    private static void assertJoins(EcoProcess eco) throws Exception {
        try (LineClient client = LineClient.connect(eco.address("tcp"))) {
            client.send("/join lobby");
            String joined = client.readLine();
            assertTrue(joined.startsWith("joined lobby, members: guest-"), joined);
        }
    }

    private static void assertNothingShows(String secret, List<String> stdout, List<String> stderr) {
        for (String line : stdout) {
            assertFalse(line.contains(secret), "the secret in eco's output: " + line);
        }
        for (String line : stderr) {
            assertFalse(line.contains(secret), "the secret in eco's log: " + line);
        }
        assertFalse(stderr.isEmpty(), "a log to look at");
    }
}

package dev.eco.it.tls;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.TestClient;
import dev.eco.it.support.Tls;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eco serve} with its TLS options, as an operator runs it: a keystore from keytool, or self-signed. */
class TlsServeCliIT {

    private static final Pattern FINGERPRINT = Pattern.compile("eco tls fingerprint SHA-256 ([0-9A-F:]{95})");

    @TempDir
    static Path dir;

    static Tls.Keys keys;

    @BeforeAll
    static void makeKeys() throws Exception {
        keys = Tls.make(dir);
    }

    @Test
    void aKeystoreFromKeytoolServesTheJdkClientAndPlainTextIsADebugLineNotAStackTrace() throws Exception {
        try (EcoProcess eco = EcoProcess.serve(
                "--port",
                "0",
                "--udp-port",
                "off",
                "--tls-port",
                "0",
                "-vv",
                "--tls-keystore",
                keys.keystore().toString(),
                "--tls-password-file",
                keys.passwordFile().toString())) {
            InetSocketAddress tls = eco.address("tls");
            try (Socket plain = new Socket()) {
                plain.connect(tls, 5_000);
                plain.setSoTimeout(5_000);
                plain.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = plain.getInputStream();
                in.readNBytes(1024); // an alert at most, then the end
            }
            try (TestClient client = TestClient.over(
                    Tls.connect(Tls.trusting(Tls.certificate(keys.certificatePem())), tls, "localhost", true))) {
                assertEquals("served", client.roundTrip("served"));
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> eco.stderr().stream()
                            .anyMatch(line -> line.contains("DEBUG") && line.contains("TLS handshake failed")));
            List<String> stderr = eco.stderr();
            assertTrue(
                    stderr.stream()
                            .noneMatch(line ->
                                    line.startsWith("\tat ") || line.contains("WARN") || line.contains("ERROR")),
                    "no stack trace, no warning: " + stderr);
            assertTrue(
                    eco.stdout().stream()
                            .anyMatch(line -> FINGERPRINT.matcher(line).matches()),
                    eco.stdout().toString());
            assertEquals(0, eco.terminate(Duration.ofSeconds(10)));
        }
    }

    @Test
    void theSelfSignedFingerprintIsTheCertificateTheClientSees() throws Exception {
        try (EcoProcess eco = EcoProcess.serve(
                Map.of(), "--port", "0", "--udp-port", "off", "--tls-port", "0", "--tls-self-signed")) {
            int port = eco.port("tls");
            String printed = await().atMost(Duration.ofSeconds(5))
                    .until(
                            () -> eco.stdout().stream()
                                    .map(FINGERPRINT::matcher)
                                    .filter(Matcher::matches)
                                    .map(m -> m.group(1))
                                    .findFirst()
                                    .orElse(null),
                            f -> f != null);
            try (SSLSocket ssl = Tls.connect(
                            Tls.trustingAnything(), new InetSocketAddress(EcoProcess.HOST, port), "localhost", false);
                    TestClient client = TestClient.over(ssl)) {
                assertEquals(printed, Tls.fingerprint(ssl.getSession().getPeerCertificates()[0]));
                assertEquals("self-signed", client.roundTrip("self-signed"));
            }
        }
    }

    /** Each sentence is checked in ServerKeysTest; here, that it reaches the person as one line and exit 1. */
    @Test
    void aKeystoreThatCannotBeUsedIsOneSentenceAndExitOne() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong-password"), "not the password\n");
        assertFails(
                1,
                "--tls-keystore " + keys.keystore() + ": wrong password",
                "--tls-keystore",
                keys.keystore().toString(),
                "--tls-password-file",
                wrong.toString());
        assertFails(
                1,
                "--tls-password-file " + dir.resolve("nowhere") + ": no such file",
                "--tls-keystore",
                keys.keystore().toString(),
                "--tls-password-file",
                dir.resolve("nowhere").toString());
    }

    /** Usage errors come before logging is set up or anything starts, so they are checked in-process. */
    @Test
    void tlsOptionsThatCannotWorkAreUsageErrors() {
        assertUsageError(
                "--tls-port needs a key: --tls-keystore FILE, or --tls-self-signed for development", "--tls-port", "0");
        assertUsageError(
                "--tls-keystore needs its password: --tls-password-file FILE, or the environment variable"
                        + " ECO_TLS_PASSWORD",
                "--tls-port",
                "0",
                "--tls-keystore",
                keys.keystore().toString());
        assertUsageError(
                "--tls-keystore and --tls-self-signed cannot be used together",
                "--tls-port",
                "0",
                "--tls-self-signed",
                "--tls-keystore",
                keys.keystore().toString());
        assertUsageError("--tls-self-signed needs --tls-port or --wss-port", "--tls-self-signed");
    }

    private static void assertUsageError(String sentence, String... args) {
        java.io.StringWriter err = new java.io.StringWriter();
        List<String> command = new java.util.ArrayList<>(List.of("serve", "--port", "0"));
        command.addAll(List.of(args));
        int exit = dev.eco.cli.Main.commandLine()
                .setErr(new java.io.PrintWriter(err, true))
                .setOut(new java.io.PrintWriter(new java.io.StringWriter()))
                .execute(command.toArray(String[]::new));
        assertEquals(2, exit, err.toString());
        assertEquals(
                "eco serve: " + sentence, err.toString().lines().findFirst().orElseThrow());
    }

    @Test
    void thePasswordMayComeFromTheEnvironment() throws Exception {
        try (EcoProcess eco = EcoProcess.serve(
                        Map.of("ECO_TLS_PASSWORD", Tls.PASSWORD),
                        "--port",
                        "0",
                        "--udp-port",
                        "off",
                        "--tls-port",
                        "0",
                        "--tls-keystore",
                        keys.keystore().toString());
                TestClient client = TestClient.over(Tls.connect(
                        Tls.trusting(Tls.certificate(keys.certificatePem())), eco.address("tls"), "127.0.0.1", true))) {
            assertEquals("from env", client.roundTrip("from env"));
        }
    }

    /** {@code eco serve --port 0 --udp-port off --tls-port 0 EXTRA} exits {@code code} with exactly this sentence. */
    private static void assertFails(int code, String sentence, String... extra) throws Exception {
        List<String> args =
                new java.util.ArrayList<>(List.of("serve", "--port", "0", "--udp-port", "off", "--tls-port", "0"));
        args.addAll(List.of(extra));
        EcoProcess.Result result = EcoProcess.run(args.toArray(String[]::new));
        assertEquals(code, result.exitCode(), "exit code; stderr: " + result.stderr());
        assertEquals(
                "eco serve: " + sentence,
                result.stderr().getFirst(),
                result.stderr().toString());
        assertTrue(
                result.stderr().stream().noneMatch(line -> line.startsWith("\tat ")),
                "no stack trace: " + result.stderr());
    }
}

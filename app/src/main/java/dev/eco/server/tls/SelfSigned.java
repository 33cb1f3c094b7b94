package dev.eco.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A key pair and self-signed certificate for {@code localhost}, made at start by the running JDK's own
 * {@code keytool} (no certificate code of eco's own): EC P-256, CN=localhost, subject alternative names
 * localhost, 127.0.0.1 and ::1. For development only: no client trusts it unless told to. The temporary
 * PKCS#12 file is deleted as soon as it is loaded; the key lives only in this process.
 */
public final class SelfSigned {

    /** Days the certificate is valid: made anew at each start, it must outlast a server that runs for months. */
    static final int VALIDITY_DAYS = 365;
    /** How long keytool may take (it starts a JVM of its own). */
    static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    private static final String PASSWORD_VARIABLE = "ECO_KEYTOOL_PASSWORD";

    private SelfSigned() {}

    public static ServerKeys generate() throws IOException {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path dir = Files.createTempDirectory("eco-tls-");
        Path file = dir.resolve("self-signed.p12");
        try {
            run(
                    List.of(
                            keytool().toString(),
                            "-genkeypair",
                            "-alias",
                            "eco",
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-dname",
                            "CN=localhost",
                            "-ext",
                            "san=dns:localhost,ip:127.0.0.1,ip:::1",
                            "-validity",
                            String.valueOf(VALIDITY_DAYS),
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            file.toString(),
                            // the password goes through the environment, not the command line others can read
                            "-storepass:env",
                            PASSWORD_VARIABLE,
                            "-keypass:env",
                            PASSWORD_VARIABLE),
                    password,
                    KEYTOOL_TIMEOUT,
                    dir.resolve("keytool.out"));
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password.toCharArray());
            }
            return ServerKeys.of(store, password.toCharArray(), "the self-signed keystore");
        } catch (GeneralSecurityException e) {
            throw new IOException("--tls-self-signed: cannot load what keytool made: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir.resolve("keytool.out"));
            Files.deleteIfExists(dir);
        }
    }

    /** The keytool of the JDK running eco. */
    static Path keytool() throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IOException("--tls-self-signed needs the JDK's keytool, and " + keytool + " is not there");
        }
        return keytool;
    }

    /**
     * Runs {@code command} with the password in its environment, its output going to {@code output} (a file, so
     * that a command that hangs with its output open cannot hold this thread past {@code timeout}).
     */
    static void run(List<String> command, String password, Duration timeout, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put(PASSWORD_VARIABLE, password);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("--tls-self-signed: keytool did not finish within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("--tls-self-signed: keytool failed: "
                        + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("--tls-self-signed: interrupted while keytool ran", e);
        }
    }
}

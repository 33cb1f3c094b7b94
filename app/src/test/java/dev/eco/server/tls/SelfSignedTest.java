package dev.eco.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How keytool is run: its time limit holds even for a command that hangs with its output open. */
class SelfSignedTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCommandThatHangsIsStoppedAtTheTimeout() {
        IOException e = assertThrows(
                IOException.class,
                () -> SelfSigned.run(List.of("sleep", "120"), "secret", Duration.ofSeconds(1), dir.resolve("out")));
        assertEquals("--tls-self-signed: keytool did not finish within 1 s", e.getMessage());
    }

    @Test
    void whatAFailedCommandSaidIsInTheError() {
        IOException e = assertThrows(
                IOException.class,
                () -> SelfSigned.run(
                        List.of("sh", "-c", "echo no such alias >&2; exit 3"),
                        "secret",
                        Duration.ofSeconds(20),
                        dir.resolve("out")));
        assertEquals("--tls-self-signed: keytool failed: no such alias", e.getMessage());
    }

    @Test
    void theCertificateOutlastsAServerThatRunsForMonths() throws Exception {
        ServerKeys keys = SelfSigned.generate();
        long days = Duration.between(
                        java.time.Instant.now(),
                        ((java.security.cert.X509Certificate) keys.certificate())
                                .getNotAfter()
                                .toInstant())
                .toDays();
        assertTrue(days >= 364, "valid for " + days + " days");
    }
}

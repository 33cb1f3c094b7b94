package dev.eco.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a keystore can be wrong is one sentence; a good one gives its key and its fingerprint. */
class ServerKeysTest {

    private static final char[] PASSWORD = "keystore-password".toCharArray();

    @TempDir
    static Path dir;

    static Path keystore;
    static Path certificatesOnly;

    @BeforeAll
    static void makeKeystores() throws Exception {
        keystore = dir.resolve("server.p12");
        Path pem = dir.resolve("server.pem");
        certificatesOnly = dir.resolve("certificates.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "eco",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                new String(PASSWORD));
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "eco",
                "-keystore",
                keystore.toString(),
                "-storepass",
                new String(PASSWORD),
                "-file",
                pem.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "eco",
                "-file",
                pem.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                certificatesOnly.toString(),
                "-storepass",
                new String(PASSWORD));
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SelfSigned.keytool().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "keytool: " + out);
    }

    @Test
    void aGoodKeystoreGivesItsKeyAndAFingerprintInOpensslsForm() throws Exception {
        ServerKeys keys = ServerKeys.load(keystore, PASSWORD);
        assertTrue(keys.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), keys.fingerprint());
        assertEquals("eco tls fingerprint SHA-256 " + keys.fingerprint(), keys.fingerprintLine());
    }

    @Test
    void aWrongPasswordIsSaidSo() {
        IOException e = assertThrows(IOException.class, () -> ServerKeys.load(keystore, "wrong".toCharArray()));
        assertEquals("--tls-keystore " + keystore + ": wrong password", e.getMessage());
    }

    @Test
    void aMissingFileIsSaidSo() {
        Path missing = dir.resolve("missing.p12");
        IOException e = assertThrows(IOException.class, () -> ServerKeys.load(missing, PASSWORD));
        assertEquals("--tls-keystore " + missing + ": no such file", e.getMessage());
    }

    @Test
    void aKeystoreWithoutAKeyIsSaidSo() {
        IOException e = assertThrows(IOException.class, () -> ServerKeys.load(certificatesOnly, PASSWORD));
        assertEquals("--tls-keystore " + certificatesOnly + ": has no private key, only certificates", e.getMessage());
    }

    @Test
    void aFileThatIsNoKeystoreIsSaidSo() throws Exception {
        Path text = java.nio.file.Files.writeString(dir.resolve("not-a-keystore.p12"), "hello\n");
        IOException e = assertThrows(IOException.class, () -> ServerKeys.load(text, PASSWORD));
        assertTrue(e.getMessage().startsWith("--tls-keystore " + text + ": not a PKCS#12 keystore"), e.getMessage());
    }
}

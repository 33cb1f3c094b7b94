package dev.eco.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS peers and key material for tests, made with the real tools: the JDK's keytool makes a server keystore
 * the way docs/operations.md tells an operator to, and the JDK's own TLS client connects with a truststore
 * built from the exported certificate (or with no checks, to look at a self-signed certificate).
 */
public final class Tls {

    public static final String PASSWORD = "test-keystore-password";

    private Tls() {}

    /** A server keystore made by keytool, its password file, and its certificate exported as PEM. */
    public record Keys(Path keystore, Path passwordFile, Path certificatePem) {}

    /** Makes {@code server.p12} (EC P-256, CN=localhost, SAN localhost, 127.0.0.1, ::1) in {@code dir}. */
    public static Keys make(Path dir) throws IOException, InterruptedException {
        Path keystore = dir.resolve("server.p12");
        Path pem = dir.resolve("server.pem");
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n");
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
                "-ext",
                "san=dns:localhost,ip:127.0.0.1,ip:::1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "eco",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                pem.toString());
        return new Keys(keystore, passwordFile, pem);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }

    public static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** A client context that trusts this certificate and nothing else. */
    public static SSLContext trusting(Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("eco", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** A client context that accepts any certificate: only to look at what a server presents. */
    public static SSLContext trustingAnything() throws Exception {
        TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {any}, null);
        return context;
    }

    /**
     * A JDK TLS client connected and handshaken to {@code address}, verifying that the certificate names
     * {@code hostname} (as HTTPS clients do) when {@code verifyHost}.
     */
    public static SSLSocket connect(SSLContext context, InetSocketAddress address, String hostname, boolean verifyHost)
            throws IOException {
        Socket tcp = new Socket();
        tcp.connect(address, 5_000);
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(tcp, hostname, address.getPort(), true);
        try {
            if (verifyHost) {
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
            }
            ssl.setSoTimeout(5_000);
            ssl.startHandshake();
            return ssl;
        } catch (IOException e) {
            ssl.close();
            throw e;
        }
    }

    /** The SHA-256 fingerprint as {@code openssl x509 -fingerprint -sha256} shows it. */
    public static String fingerprint(Certificate certificate) throws Exception {
        return HexFormat.ofDelimiter(":")
                .withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    /**
     * Debian's {@code openssl} command, which {@code .ci/run} installs: without it a test is skipped with a
     * message, except under {@code CI=true}, where that is a failure.
     */
    public static void assumeOpenssl() {
        Tools.require(
                Tools.runs("openssl", "version"),
                "openssl is not installed (Debian package openssl; .ci/run installs it)");
    }
}

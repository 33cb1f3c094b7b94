package dev.eco.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.Collections;
import java.util.HexFormat;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server's key and certificate, from a PKCS#12 keystore, as the {@link SSLContext} the TLS listener
 * serves with. Every way a keystore can be wrong is one sentence in an {@link IOException}.
 *
 * @param context     what {@link TlsTransport} serves with
 * @param certificate the certificate the server presents (the first of its chain)
 */
public record ServerKeys(SSLContext context, Certificate certificate) {

    /** Loads {@code file} (PKCS#12) with {@code password}, which opens both the store and its key. */
    public static ServerKeys load(Path file, char[] password) throws IOException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new IOException("--tls-keystore " + file + ": no such file", e);
        } catch (IOException e) {
            // A wrong password shows as an IOException whose cause is UnrecoverableKeyException.
            throw new IOException(
                    "--tls-keystore " + file + ": "
                            + (e.getCause() instanceof UnrecoverableKeyException
                                    ? "wrong password"
                                    : "not a PKCS#12 keystore (" + e.getMessage() + ")"),
                    e);
        } catch (GeneralSecurityException e) {
            throw new IOException("--tls-keystore " + file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return of(store, password, "--tls-keystore " + file);
    }

    /** The keys of a keystore already loaded; {@code shownAs} names it in a failure. */
    static ServerKeys of(KeyStore store, char[] password, String shownAs) throws IOException {
        try {
            String alias = null;
            for (String a : Collections.list(store.aliases())) {
                if (store.isKeyEntry(a)) {
                    if (alias != null) {
                        throw new IOException(
                                shownAs + ": has more than one key; keep one (keytool -delete -alias NAME)");
                    }
                    alias = a;
                }
            }
            if (alias == null) {
                throw new IOException(shownAs + ": has no private key, only certificates");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return new ServerKeys(context, store.getCertificate(alias));
        } catch (UnrecoverableKeyException e) {
            throw new IOException(shownAs + ": the key's password differs from the keystore's", e);
        } catch (GeneralSecurityException e) {
            throw new IOException(shownAs + ": cannot be used (" + e.getMessage() + ")", e);
        }
    }

    /** The certificate's SHA-256 fingerprint as {@code openssl x509 -fingerprint} shows it: {@code AB:CD:…}. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the certificate: " + e.getMessage(), e);
        }
    }

    /** The line {@code eco serve} prints: {@code eco tls fingerprint SHA-256 AB:CD:…}. */
    public String fingerprintLine() {
        return "eco tls fingerprint SHA-256 " + fingerprint();
    }
}

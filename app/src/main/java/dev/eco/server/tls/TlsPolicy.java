package dev.eco.server.tls;

import java.util.Arrays;
import org.tinylog.Logger;

/**
 * What eco's TLS port offers: TLS 1.3 and 1.2 only, authenticated encryption (AEAD: GCM, ChaCha20-Poly1305)
 * only, and no renegotiation a client asks for.
 *
 * <p>CBC suites are left out for TLS 1.2 (LUCKY13 and its kin); every TLS 1.3 suite is AEAD anyway. Every
 * client of the last decade offers a GCM suite.
 *
 * <p>A client-initiated renegotiation makes the server do a full handshake on demand, over and over on one
 * connection: a cheap way to burn its CPU. The JDK refuses it only when the system property
 * {@value #REJECT_RENEGOTIATION} is {@code true}, which it reads once, the first time any TLS server in the JVM
 * handshakes; there is no per-socket or per-context switch. So eco sets it, unless it is already set, before
 * it serves TLS: <strong>this is JVM-wide</strong>, and applies to every other TLS server in the same JVM
 * that starts its first handshake afterwards (an application that embeds eco, or eco-junit tests).
 */
final class TlsPolicy {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    private TlsPolicy() {}

    /** Of the JDK's default suites, the AEAD ones (and the renegotiation-info signal, which is no cipher). */
    static String[] cipherSuites(String[] defaults) {
        return Arrays.stream(defaults)
                .filter(suite -> suite.contains("_GCM_")
                        || suite.contains("_CHACHA20_POLY1305_")
                        || suite.equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV"))
                .toArray(String[]::new);
    }

    /** Sets {@value #REJECT_RENEGOTIATION} unless it is set; says so if it was set to allow renegotiation. */
    static synchronized void refuseClientRenegotiation() {
        String set = System.getProperty(REJECT_RENEGOTIATION);
        if (set == null) {
            System.setProperty(REJECT_RENEGOTIATION, "true");
        } else if (!Boolean.parseBoolean(set)) {
            Logger.warn(
                    "-D{}={}: TLS clients may renegotiate, which lets one connection make the server handshake"
                            + " again and again",
                    REJECT_RENEGOTIATION,
                    set);
        }
    }
}

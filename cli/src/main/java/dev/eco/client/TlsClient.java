package dev.eco.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How a client speaks TLS (1.3 or 1.2) over a connected socket: whom it trusts (the JDK's default CAs, one
 * certificate given with {@code --ca}, or anything with {@code --insecure}) and whether it checks that the
 * certificate names the host it connected to (always, except with {@code --insecure}).
 */
public final class TlsClient {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;
    private final SSLSocketFactory factory;
    private final boolean verifyHost;

    private TlsClient(SSLContext context, boolean verifyHost) {
        this.context = context;
        this.factory = context.getSocketFactory();
        this.verifyHost = verifyHost;
    }

    /** The context, for clients that do their own TLS (the JDK's WebSocket client). */
    SSLContext context() {
        return context;
    }

    /** Trusts the JDK's default certificate authorities. */
    public static TlsClient withDefaultTrust() throws ClientException {
        try {
            return new TlsClient(SSLContext.getDefault(), true);
        } catch (GeneralSecurityException e) {
            throw new ClientException("TLS is not available in this JDK: " + e.getMessage(), e);
        }
    }

    /** Trusts the certificates in {@code file} (PEM or DER: a CA, or a self-signed server's own) and no other. */
    public static TlsClient trusting(Path file) throws ClientException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + n++, c);
            }
            if (n == 0) {
                throw new ClientException("--ca " + file + ": no certificate in it");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return new TlsClient(context(tmf.getTrustManagers()), true);
        } catch (NoSuchFileException e) {
            throw new ClientException("--ca " + file + ": no such file", e);
        } catch (CertificateException e) {
            throw new ClientException("--ca " + file + ": not a PEM or DER certificate", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new ClientException("--ca " + file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Accepts any certificate for any host: for a development server with a self-signed certificate. */
    public static TlsClient insecure() throws ClientException {
        // An extended trust manager: the JDK adds no host name check around it (the JDK's HTTP client asks for one).
        TrustManager anything = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            return new TlsClient(context(new TrustManager[] {anything}), false);
        } catch (GeneralSecurityException e) {
            throw new ClientException("TLS is not available in this JDK: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(TrustManager[] trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust, null);
        return context;
    }

    /**
     * Handshakes over {@code tcp}, connected to {@code host}, within {@code timeout}; the TLS socket returned
     * owns {@code tcp}, which is closed if the handshake fails.
     */
    public Socket handshake(Socket tcp, String host, int port, Duration timeout) throws ClientException {
        String shownAs = Endpoints.describe(host, port);
        SSLSocket ssl;
        try {
            ssl = (SSLSocket) factory.createSocket(tcp, host, port, true);
        } catch (IOException e) {
            Timeouts.closeQuietly(tcp);
            throw new ClientException("cannot start TLS with " + shownAs + ": " + e.getMessage(), e);
        }
        try {
            ssl.setEnabledProtocols(PROTOCOLS);
            if (verifyHost) {
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
            }
            ssl.setSoTimeout(Timeouts.millis(timeout));
            ssl.startHandshake();
            ssl.setSoTimeout(0);
            return ssl;
        } catch (IOException e) {
            Timeouts.closeQuietly(ssl);
            throw new ClientException("TLS handshake with " + shownAs + " failed: " + reason(e, host, timeout), e);
        }
    }

    /** Why a TLS handshake with {@code host} failed, in a few words for the person. */
    static String reason(IOException e, String host, Duration timeout) {
        if (e instanceof java.net.SocketTimeoutException) {
            return "no answer within " + Endpoints.describe(timeout) + " (is it a TLS port?)";
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("PKIX") || message.contains("certification path")) {
            return "its certificate is not trusted (give its CA with --ca FILE; --insecure skips the check, for development only)";
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "its certificate is not for " + host;
        }
        if (e instanceof SSLException && message.contains("plaintext")) {
            return "it is not a TLS port";
        }
        return message;
    }
}

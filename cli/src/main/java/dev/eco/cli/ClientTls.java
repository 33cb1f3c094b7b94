package dev.eco.cli;

import dev.eco.client.ClientException;
import dev.eco.client.TlsClient;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The TLS options of the clients ({@code eco chat}, {@code eco send}, {@code eco bench tcp}). */
final class ClientTls {

    @Option(
            names = "--tls",
            description = "Speak TLS (1.3 or 1.2) to the server's --tls-port; the certificate must be"
                    + " trusted (the JDK's CAs, or --ca) and name the host.")
    private boolean tls;

    @Option(
            names = "--ca",
            paramLabel = "FILE",
            description = "With --tls: trust the certificates in FILE (PEM or DER: a"
                    + " CA, or a self-signed server's certificate) instead of the JDK's CAs.")
    private Path ca;

    @Option(
            names = "--insecure",
            description = "With --tls: accept any certificate for any host (a development server's"
                    + " self-signed one); says so on standard error.")
    private boolean insecure;

    boolean on() {
        return tls;
    }

    /** The usage errors: {@code --ca} or {@code --insecure} without {@code --tls}, or both at once. */
    void check(CommandLine cli) {
        if (!tls && (ca != null || insecure)) {
            throw new ParameterException(cli, (ca != null ? "--ca" : "--insecure") + " needs --tls");
        }
        checkTogether(cli);
    }

    /** The same for a WebSocket URL, where {@code wss://} ({@code secureUrl}) asks for TLS as {@code --tls} does. */
    void check(CommandLine cli, boolean secureUrl) {
        if (!secureUrl && (ca != null || insecure)) {
            throw new ParameterException(cli, (ca != null ? "--ca" : "--insecure") + " needs a wss:// URL");
        }
        checkTogether(cli);
    }

    private void checkTogether(CommandLine cli) {
        if (ca != null && insecure) {
            throw new ParameterException(cli, "--ca and --insecure cannot be used together");
        }
    }

    /** How to speak TLS, or null without {@code --tls}; {@code --insecure} is told once on standard error. */
    TlsClient client(CommandLine cli) throws ClientException {
        return client(cli, false);
    }

    /** The same, where a {@code wss://} URL ({@code secureUrl}) asks for TLS as {@code --tls} does. */
    TlsClient client(CommandLine cli, boolean secureUrl) throws ClientException {
        if (!tls && !secureUrl) {
            return null;
        }
        if (insecure) {
            cli.getErr()
                    .println(UsageErrors.qualifiedName(cli) + ": --insecure: the server's certificate is not checked");
            cli.getErr().flush();
            return TlsClient.insecure();
        }
        return ca != null ? TlsClient.trusting(ca) : TlsClient.withDefaultTrust();
    }
}

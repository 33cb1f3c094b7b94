package dev.eco.cli;

import dev.eco.nats.NatsCredentials;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How {@code eco serve --nats} logs in to NATS (docs/cluster.md). A secret comes from a file or from the
 * environment, never from the command line (where {@code ps} shows it to everyone), and is never printed; a
 * URL's user-info is accepted too and kept out of everything eco shows. The command line wins over the
 * environment.
 */
final class NatsCredentialOptions {

    static final String TOKEN_ENV = "ECO_NATS_TOKEN";
    static final String PASSWORD_ENV = "ECO_NATS_PASSWORD";

    @Option(
            names = "--nats-creds",
            paramLabel = "FILE",
            defaultValue = "${env:ECO_NATS_CREDS}",
            description = "With --nats: log in with this NATS credentials file (a user JWT and its NKey seed, as"
                    + " nsc writes it) (env ECO_NATS_CREDS).")
    private Path creds;

    @Option(
            names = "--nats-token-file",
            paramLabel = "FILE",
            defaultValue = "${env:ECO_NATS_TOKEN_FILE}",
            description = "With --nats: log in with the token in this file, or with the token in env " + TOKEN_ENV
                    + " (env ECO_NATS_TOKEN_FILE).")
    private Path tokenFile;

    @Option(
            names = "--nats-user",
            paramLabel = "NAME",
            defaultValue = "${env:ECO_NATS_USER}",
            description = "With --nats: log in as this user, with the password in --nats-password-file or in env "
                    + PASSWORD_ENV + " (env ECO_NATS_USER).")
    private String user;

    @Option(
            names = "--nats-password-file",
            paramLabel = "FILE",
            defaultValue = "${env:ECO_NATS_PASSWORD_FILE}",
            description = "With --nats-user: the password is in this file (env ECO_NATS_PASSWORD_FILE).")
    private Path passwordFile;

    /** The credentials asked for; throws IllegalArgumentException with the sentence for a bad combination. */
    NatsCredentials credentials() {
        String token = tokenFile != null ? NatsCredentials.secretFrom(tokenFile, "token") : env(TOKEN_ENV);
        int kinds = (creds != null ? 1 : 0) + (token != null ? 1 : 0) + (user != null ? 1 : 0);
        if (kinds > 1) {
            throw new IllegalArgumentException("give one kind of NATS credentials: --nats-creds, a token"
                    + " (--nats-token-file or " + TOKEN_ENV + "), or --nats-user with a password");
        }
        if (user == null && passwordFile != null) {
            throw new IllegalArgumentException("--nats-password-file needs --nats-user");
        }
        if (creds != null) {
            return new NatsCredentials.CredsFile(creds);
        }
        if (token != null) {
            return new NatsCredentials.Token(token);
        }
        if (user != null) {
            String password =
                    passwordFile != null ? NatsCredentials.secretFrom(passwordFile, "password") : env(PASSWORD_ENV);
            if (password == null) {
                throw new IllegalArgumentException(
                        "--nats-user needs a password: --nats-password-file FILE or env " + PASSWORD_ENV);
            }
            return new NatsCredentials.UserPassword(user, password);
        }
        return NatsCredentials.NONE;
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? null : value;
    }
}

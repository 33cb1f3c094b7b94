package dev.eco.nats;

import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How eco logs in to NATS, as jnats supports it: nothing, a token, a user and password, or a credentials file
 * (a user JWT and its NKey seed, as {@code nsc} writes it). A secret is never part of {@code toString()}, of a
 * log line or of an error sentence; it goes to jnats's options and nowhere else.
 */
public sealed interface NatsCredentials {

    /** What the log may say about these credentials, e.g. {@code user eco}; never the secret. */
    String described();

    void applyTo(Options.Builder options);

    NatsCredentials NONE = new None();

    record None() implements NatsCredentials {
        @Override
        public String described() {
            return "no credentials";
        }

        @Override
        public void applyTo(Options.Builder options) {
            // an open server
        }
    }

    record Token(String token) implements NatsCredentials {
        public Token {
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("the NATS token is empty");
            }
        }

        @Override
        public String described() {
            return "a token";
        }

        @Override
        public void applyTo(Options.Builder options) {
            options.token(token.toCharArray());
        }

        @Override
        public String toString() {
            return "Token[hidden]";
        }
    }

    record UserPassword(String user, String password) implements NatsCredentials {
        public UserPassword {
            if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
                throw new IllegalArgumentException("a NATS user needs a name and a non-empty password");
            }
        }

        @Override
        public String described() {
            return "user " + user;
        }

        @Override
        public void applyTo(Options.Builder options) {
            options.userInfo(user.toCharArray(), password.toCharArray());
        }

        @Override
        public String toString() {
            return "UserPassword[user=" + user + ", password hidden]";
        }
    }

    /** jnats reads the file at each (re)connect; checked to be readable here so that a typo is one sentence. */
    record CredsFile(Path file) implements NatsCredentials {
        public CredsFile {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read the NATS credentials file " + file);
            }
        }

        @Override
        public String described() {
            return "credentials file " + file;
        }

        @Override
        public void applyTo(Options.Builder options) {
            options.credentialPath(file.toString());
        }
    }

    /**
     * A secret from a file: its content without the line end an editor adds. The sentence for an unreadable or
     * empty file names the file, never its content.
     */
    static String secretFrom(Path file, String what) {
        String secret;
        try {
            secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the NATS " + what + " file " + file, e);
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the NATS " + what + " file " + file + " is empty");
        }
        return secret;
    }
}

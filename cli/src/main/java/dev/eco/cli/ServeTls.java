package dev.eco.cli;

import dev.eco.server.ServerConfig;
import dev.eco.server.ServerConfigBuilder;
import dev.eco.server.tls.SelfSigned;
import dev.eco.server.tls.ServerKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The TLS options of {@code eco serve}. A command line that cannot work (a TLS port without a key, a key
 * without its password) is a usage error, exit 2; a keystore that cannot be read (missing, wrong password,
 * no key in it) is found at start, one sentence and exit 1, like a port in use.
 */
final class ServeTls {

    /** Where the keystore's password comes from when no {@code --tls-password-file} is given. */
    static final String PASSWORD_VARIABLE = "ECO_TLS_PASSWORD";

    @Option(
            names = "--tls-port",
            paramLabel = "PORT|off",
            defaultValue = "${env:ECO_TLS_PORT:-off}",
            converter = Options.OptionalPort.class,
            description = "The line protocol over TLS 1.3/1.2, with the same rooms as --port; 0 for a free port, 'off'"
                    + " for none. Needs --tls-keystore or --tls-self-signed (env ECO_TLS_PORT).")
    private Integer port;

    @Option(
            names = "--tls-keystore",
            paramLabel = "FILE",
            defaultValue = "${env:ECO_TLS_KEYSTORE}",
            description = "PKCS#12 keystore with the server's private key and certificate chain; see"
                    + " docs/operations.md (env ECO_TLS_KEYSTORE).")
    private Path keystore;

    @Option(
            names = "--tls-password-file",
            paramLabel = "FILE",
            defaultValue = "${env:ECO_TLS_PASSWORD_FILE}",
            description = "File whose first line is the keystore's password; without it, the environment variable "
                    + PASSWORD_VARIABLE + " (env ECO_TLS_PASSWORD_FILE).")
    private Path passwordFile;

    @Option(
            names = "--tls-self-signed",
            description = "For development: make a key and a self-signed certificate for localhost at start (with the"
                    + " JDK's keytool), kept in memory only, and print its SHA-256 fingerprint.")
    private boolean selfSigned;

    @Option(
            names = "--tls-handshake-timeout",
            paramLabel = "DURATION",
            defaultValue = "${env:ECO_TLS_HANDSHAKE_TIMEOUT:-10s}",
            converter = Options.PositiveTime.class,
            description = "A TLS client that has not finished its handshake this long after connecting is closed"
                    + " (env ECO_TLS_HANDSHAKE_TIMEOUT).")
    private Duration handshakeTimeout;

    /** Checks the options together ({@code wss}: whether --wss-port needs the key too); before anything starts. */
    void check(CommandLine cli, boolean wss) {
        if (port == null) {
            throw new ParameterException(cli, "--tls-port cannot be 'same': the line listener has that port");
        }
        boolean on = port != ServerConfig.OFF || wss;
        if (on && keystore == null && !selfSigned) {
            throw new ParameterException(
                    cli,
                    (port != ServerConfig.OFF ? "--tls-port" : "--wss-port")
                            + " needs a key: --tls-keystore FILE, or --tls-self-signed for development");
        }
        if (keystore != null && selfSigned) {
            throw new ParameterException(cli, "--tls-keystore and --tls-self-signed cannot be used together");
        }
        if (!on && (keystore != null || selfSigned)) {
            throw new ParameterException(
                    cli, (selfSigned ? "--tls-self-signed" : "--tls-keystore") + " needs --tls-port or --wss-port");
        }
        if (keystore != null && passwordFile == null && System.getenv(PASSWORD_VARIABLE) == null) {
            throw new ParameterException(
                    cli,
                    "--tls-keystore needs its password: --tls-password-file FILE, or the" + " environment variable "
                            + PASSWORD_VARIABLE);
        }
    }

    /** Applies these options to {@code config}; returns the keys loaded, or null when no listener needs them. */
    ServerKeys apply(ServerConfigBuilder config, boolean wss) throws IOException {
        config.tlsHandshakeTimeout(handshakeTimeout);
        if (port == ServerConfig.OFF && !wss) {
            return null;
        }
        ServerKeys keys = selfSigned ? SelfSigned.generate() : ServerKeys.load(keystore, password());
        config.tls(port, keys.context());
        return keys;
    }

    /** The first line of the password file, or the environment variable. */
    private char[] password() throws IOException {
        if (passwordFile == null) {
            return System.getenv(PASSWORD_VARIABLE).toCharArray();
        }
        try (BufferedReader reader = Files.newBufferedReader(passwordFile, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null || line.isEmpty()) {
                throw new IOException("--tls-password-file " + passwordFile + ": its first line is empty");
            }
            return line.toCharArray();
        } catch (NoSuchFileException e) {
            throw new IOException("--tls-password-file " + passwordFile + ": no such file", e);
        }
    }
}

package dev.eco.it.support;

import io.nats.client.NKey;
import io.nats.client.support.JsonSerializable;
import io.nats.client.support.JwtUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * NATS's decentralized authentication for one test, made here without {@code nsc}: an operator, an account
 * with JetStream, the system account JetStream needs in this mode, and one user of the account, whose
 * credentials file ({@code .creds}: the user's JWT and its NKey seed) is what eco is given. {@link #config}
 * is the server configuration that trusts the operator and preloads both accounts.
 */
public final class NatsOperator {

    private static final String JETSTREAM_ACCOUNT = "{\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,"
            + "\"imports\":-1,\"exports\":-1,\"wildcards\":true,\"conn\":-1,\"leaf\":-1,\"mem_storage\":-1,"
            + "\"disk_storage\":-1,\"streams\":-1,\"consumer\":-1},\"default_permissions\":{\"pub\":{},"
            + "\"sub\":{}},\"type\":\"account\",\"version\":2}";

    private final Path config;
    private final Path creds;
    private final String seed;

    private record Claim(String json) implements JsonSerializable {
        @Override
        public String toJson() {
            return json;
        }
    }

    private NatsOperator(Path dir) throws IOException, GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        NKey operator = NKey.createOperator(random);
        NKey account = NKey.createAccount(random);
        NKey system = NKey.createAccount(random);
        NKey user = NKey.createUser(random);
        String operatorKey = new String(operator.getPublicKey());
        String accountKey = new String(account.getPublicKey());
        String systemKey = new String(system.getPublicKey());
        long now = System.currentTimeMillis() / 1000;
        String operatorJwt = JwtUtils.issueJWT(
                operator,
                operatorKey,
                "eco-test",
                null,
                now,
                operatorKey,
                new Claim("{\"type\":\"operator\",\"version\":2}"));
        String accountJwt =
                JwtUtils.issueJWT(operator, accountKey, "eco", null, now, operatorKey, new Claim(JETSTREAM_ACCOUNT));
        String systemJwt = JwtUtils.issueJWT(
                operator, systemKey, "SYS", null, now, operatorKey, new Claim("{\"type\":\"account\",\"version\":2}"));
        String userJwt = JwtUtils.issueUserJWT(account, accountKey, new String(user.getPublicKey()), "eco-node");
        seed = new String(user.getSeed());
        creds = Files.writeString(
                dir.resolve("eco.creds"),
                "-----BEGIN NATS USER JWT-----\n" + userJwt
                        + "\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n" + seed
                        + "\n------END USER NKEY SEED------\n");
        Path operatorFile = Files.writeString(dir.resolve("operator.jwt"), operatorJwt);
        config = Files.writeString(
                dir.resolve("operator.conf"),
                "operator: \"" + operatorFile + "\"\n"
                        + "resolver: MEMORY\nsystem_account: " + systemKey + "\n"
                        + "resolver_preload: { " + accountKey + ": \"" + accountJwt + "\", " + systemKey + ": \""
                        + systemJwt + "\" }\n");
    }

    /** Writes the operator's files into {@code dir}. */
    public static NatsOperator create(Path dir) throws IOException {
        try {
            return new NatsOperator(dir);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make NATS keys", e);
        }
    }

    /** The server configuration: {@code nats-server -c} it. */
    public Path config() {
        return config;
    }

    /** The user's credentials file. */
    public Path creds() {
        return creds;
    }

    /** The user's NKey seed: the secret in {@link #creds()}. */
    public String seed() {
        return seed;
    }
}

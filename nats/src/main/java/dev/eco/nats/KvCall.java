package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One key-value operation against NATS, with jnats's failures told as eco's: {@code unavailable} when NATS is
 * gone or does not answer in time, a refusal when it answers no.
 */
final class KvCall {

    /** JetStream's "wrong last sequence" (10071): create of a key that exists, or a stale compare-and-set. */
    static final int WRONG_LAST_SEQUENCE = 10071;

    /** An operation on the bucket. */
    interface Operation<T> {
        T run() throws IOException, JetStreamApiException;
    }

    private KvCall() {}

    static <T> T run(NatsLink link, Operation<T> operation) throws NatsUnavailableException {
        link.requireAvailable();
        try {
            return operation.run();
        } catch (IOException | IllegalStateException e) {
            // IllegalStateException: jnats cannot queue a request while disconnected (there is no reconnect buffer)
            throw new NatsUnavailableException("the rooms are unavailable: NATS did not answer in time", e);
        } catch (JetStreamApiException e) {
            throw new NatsUnavailableException("NATS refused a name or membership change: " + e.getMessage(), e);
        }
    }

    /** Deletes {@code key} unless it changed since {@code revision}; false when it did (someone else's now). */
    static boolean deleteIfUnchanged(KeyValue kv, String key, long revision) throws IOException, JetStreamApiException {
        try {
            kv.delete(key, revision);
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE) {
                throw e;
            }
            return false;
        }
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.PurgeOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One key-value operation against NATS, tried again while NATS fails over ({@link Failover}), with jnats's
 * failures told as eco's: {@code unavailable} when NATS is gone or does not answer in time, a refusal when it
 * answers no.
 */
final class KvCall {

    /** JetStream's "wrong last sequence" (10071): create of a key that exists, or a stale compare-and-set. */
    static final int WRONG_LAST_SEQUENCE = 10071;

    private KvCall() {}

    static <T> T run(NatsLink link, Failover.Operation<T> operation) throws NatsUnavailableException {
        return Failover.call(link, "NATS refused a name or membership change", operation);
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

    /** Removes every trace of {@code key}, unlike a delete, which leaves a marker. */
    static void purge(NatsLink link, String bucket, String key) throws IOException, JetStreamApiException {
        link.management().purgeStream("KV_" + bucket, PurgeOptions.subject("$KV." + bucket + "." + key));
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

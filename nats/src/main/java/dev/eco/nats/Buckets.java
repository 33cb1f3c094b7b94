package dev.eco.nats;

import io.nats.client.JetStreamOptions;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.KeyValueOptions;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.time.Duration;

/** eco's key-value buckets: how this node would create them, and the handle to write them with. */
final class Buckets {

    private Buckets() {}

    /**
     * A bucket whose entries live until deleted (no max age: nats-server 2.9 has no per-key TTL, and a bucket max
     * age would be one node's setting imposed on all), one value per key, on disk, with the node's replicas.
     */
    static KeyValueConfiguration config(String name, int replicas) {
        return KeyValueConfiguration.builder()
                .name(name)
                .maxHistoryPerKey(1)
                .storageType(StorageType.File)
                .replicas(replicas)
                .build();
    }

    static KeyValueManagement management(NatsLink link) throws NatsUnavailableException {
        try {
            return link.connection().keyValueManagement(options(link.settings().requestTimeout()));
        } catch (IOException e) {
            throw new NatsUnavailableException("cannot reach NATS's key-value store: " + e.getMessage(), e);
        }
    }

    /** The bucket, for writes (and watches); single reads go through {@link KvReads}. */
    static KeyValue open(NatsLink link, String name, Duration requestTimeout) throws NatsUnavailableException {
        // jnats reads the bucket's stream info here: a round trip that a failover may delay
        return Failover.call(
                link,
                "cannot open the key-value bucket " + name + " in NATS",
                () -> link.connection().keyValue(name, options(requestTimeout)));
    }

    private static KeyValueOptions options(Duration requestTimeout) {
        return KeyValueOptions.builder()
                .jetStreamOptions(JetStreamOptions.builder()
                        .requestTimeout(requestTimeout)
                        .build())
                .build();
    }
}

package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueOptions;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Opening eco's key-value buckets, and reading every live entry under a key filter in one go. */
final class Buckets {

    private Buckets() {}

    /**
     * Creates the bucket, or takes it as it is when another node already did. {@code maxAge} zero means entries
     * live until deleted; otherwise it is the bucket's max age (nats-server 2.9 has no per-key TTL).
     */
    static KeyValue open(NatsLink link, String name, Duration maxAge) throws NatsUnavailableException {
        KeyValueConfiguration.Builder config =
                KeyValueConfiguration.builder().name(name).maxHistoryPerKey(1).storageType(StorageType.File);
        if (!maxAge.isZero()) {
            config.ttl(maxAge);
        }
        try {
            KeyValueOptions options = KeyValueOptions.builder()
                    .jetStreamOptions(io.nats.client.JetStreamOptions.builder()
                            .requestTimeout(link.settings().requestTimeout())
                            .build())
                    .build();
            try {
                link.connection().keyValueManagement(options).create(config.build());
            } catch (JetStreamApiException exists) {
                link.connection().keyValueManagement(options).update(config.build());
            }
            return link.connection().keyValue(name, options);
        } catch (IOException | JetStreamApiException e) {
            throw new NatsUnavailableException(
                    "cannot set up the key-value bucket " + name + " in NATS: " + e.getMessage(), e);
        }
    }

    /** The current (not deleted) entries whose key matches {@code filter}, e.g. {@code member.lobby.>}. */
    static List<KeyValueEntry> entries(KeyValue kv, String filter, Duration timeout) throws NatsUnavailableException {
        List<KeyValueEntry> entries = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        KeyValueWatcher watcher = new KeyValueWatcher() {
            @Override
            public void watch(KeyValueEntry entry) {
                synchronized (entries) {
                    entries.add(entry);
                }
            }

            @Override
            public void endOfData() {
                done.countDown();
            }
        };
        try {
            var watch = kv.watch(filter, watcher, KeyValueWatchOption.IGNORE_DELETE);
            try {
                if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new NatsUnavailableException(
                            "the rooms are unavailable: NATS did not list " + filter + " in time");
                }
            } finally {
                watch.unsubscribe();
            }
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            // jnats throws IllegalStateException for a request it cannot queue while disconnected
            throw new NatsUnavailableException("the rooms are unavailable: NATS did not list " + filter, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsUnavailableException("interrupted while listing " + filter, e);
        }
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }
}

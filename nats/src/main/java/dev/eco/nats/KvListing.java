package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * Every live entry of a bucket under a key filter, for {@code /who}, {@code /rooms} and the reaper: a listing
 * costs one consumer, which streams the entries, rather than one round trip per entry. The consumer is
 * placed on a random server of the bucket's replicas, so with one server down about half of the tries time
 * out; then the listing reads the entries one by one from the bucket's leader instead ({@link KvReads#scan}),
 * which works whichever server is down. A try is bounded by {@link #TRY_TIMEOUT}.
 *
 * <p>A consumer on a follower reads that follower's copy, which may trail the leader by the replication
 * delay (milliseconds): a listing can miss a change made that long ago.
 */
final class KvListing {

    static final Duration TRY_TIMEOUT = Duration.ofSeconds(1);

    private KvListing() {}

    /** @param watchable the bucket, opened with a request timeout of {@link #TRY_TIMEOUT} */
    static List<KvReads.Entry> list(KeyValue watchable, KvReads leader, String filter)
            throws IOException, JetStreamApiException {
        try {
            return watch(watchable, filter);
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            Logger.debug("listing {} key by key: the watch failed: {}", filter, e.toString());
        }
        return leader.scan(filter);
    }

    private static List<KvReads.Entry> watch(KeyValue kv, String filter) throws IOException, JetStreamApiException {
        List<KvReads.Entry> entries = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        KeyValueWatcher watcher = new KeyValueWatcher() {
            @Override
            public void watch(KeyValueEntry entry) {
                synchronized (entries) {
                    entries.add(new KvReads.Entry(entry.getKey(), entry.getRevision(), entry.getValueAsString()));
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
                if (!done.await(TRY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException(
                            "the watch of " + filter + " did not end within " + TRY_TIMEOUT.toMillis() + " ms");
                }
            } finally {
                watch.unsubscribe();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing " + filter, e);
        }
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }
}

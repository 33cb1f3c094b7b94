package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.MessageGetRequest;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads of a key-value bucket that its stream's leader answers, with no consumer: the reads that decide a
 * write (who holds a name, the next guest number, whether a membership is still there), and the listing of
 * last resort ({@link KvListing}).
 *
 * <p>Not jnats's {@code get}: a bucket allows "direct" gets, which any replica answers, and a follower may not
 * have applied the latest write yet. A {@code STREAM.MSG.GET} request is answered by the leader from its store,
 * so it sees every acknowledged write, and needs no consumer, so it works whichever server is down.
 */
final class KvReads {

    /** One live entry: {@code revision} is its stream sequence, what compare-and-set and delete check. */
    record Entry(String key, long revision, String value) {}

    /** JetStream's "no message found" (10037): past the last entry. */
    private static final int NO_MESSAGE_FOUND = 10037;

    private static final String OPERATION = "KV-Operation";

    private final NatsLink link;
    private final String stream;
    private final String subjectPrefix;

    KvReads(NatsLink link, String bucket) {
        this.link = link;
        this.stream = "KV_" + bucket;
        this.subjectPrefix = "$KV." + bucket + ".";
    }

    /** The live entry of {@code key}, or null when there is none (never written, deleted or purged). */
    Entry get(String key) throws IOException, JetStreamApiException {
        MessageInfo info = request(MessageGetRequest.lastForSubject(subjectPrefix + key));
        return info == null ? null : live(info);
    }

    /**
     * Every live entry whose key matches {@code filter} ({@code *} and {@code >} as in subjects), in the order
     * they were last written: one round trip per entry.
     */
    List<Entry> scan(String filter) throws IOException, JetStreamApiException {
        List<Entry> entries = new ArrayList<>();
        long next = 1;
        while (true) {
            MessageInfo info = request(MessageGetRequest.nextForSubject(next, subjectPrefix + filter));
            if (info == null) {
                return entries;
            }
            Entry entry = live(info);
            if (entry != null) {
                entries.add(entry);
            }
            next = info.getSeq() + 1;
        }
    }

    private Entry live(MessageInfo info) {
        Headers headers = info.getHeaders();
        if (headers != null && headers.getFirst(OPERATION) != null) {
            return null; // DEL or PURGE: the key's last word is that it is gone
        }
        byte[] data = info.getData();
        return new Entry(
                info.getSubject().substring(subjectPrefix.length()),
                info.getSeq(),
                data == null ? "" : new String(data, StandardCharsets.UTF_8));
    }

    /** The stored message the request names, or null when there is none. */
    private MessageInfo request(MessageGetRequest request) throws IOException, JetStreamApiException {
        Duration timeout = link.settings().requestTimeout();
        CompletableFuture<Message> reply = link.connection()
                .requestWithTimeout(
                        "$JS.API.STREAM.MSG.GET." + stream, request.toJson().getBytes(StandardCharsets.UTF_8), timeout);
        Message message;
        try {
            message = reply.get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | CancellationException | ExecutionException e) {
            // cancelled: 503, no responders, while the stream elects its leader
            throw new IOException("no answer from the leader of " + stream + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + stream, e);
        }
        if (message.isStatusMessage()) {
            throw new IOException("no answer from the leader of " + stream + ": " + message.getStatus());
        }
        MessageInfo info = new MessageInfo(message, stream, false);
        if (info.hasError()) {
            if (info.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return null;
            }
            info.throwOnHasError();
        }
        return info;
    }
}

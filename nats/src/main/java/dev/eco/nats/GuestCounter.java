package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import java.io.IOException;

/**
 * The {@code N} of {@code guest-N}, counted across all nodes: the key {@code guests} of the names bucket holds the
 * last one handed out, advanced by compare-and-set, so no two nodes hand out the same number.
 */
final class GuestCounter {

    private GuestCounter() {}

    static long next(KeyValue kv, KvReads reads) throws IOException, JetStreamApiException {
        while (true) {
            KvReads.Entry entry = reads.get("guests");
            try {
                if (entry == null) {
                    kv.create("guests", KvCall.bytes("1"));
                    return 1;
                }
                long next = Long.parseLong(entry.value()) + 1;
                kv.update("guests", KvCall.bytes(Long.toString(next)), entry.revision());
                return next;
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != KvCall.WRONG_LAST_SEQUENCE) {
                    throw e;
                }
                // another node took that number first (or a lost acknowledgement hid this one's): read again
            }
        }
    }
}

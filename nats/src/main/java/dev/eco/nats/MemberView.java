package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This node's copy of every room membership of the cluster ({@code member.*.*} of the names bucket), kept up to
 * date by reading the bucket's stream: {@code /who}, {@code /rooms} and the checks of a join are answered from
 * it with no round trip, whatever the cluster holds. It trails the bucket by the time a write takes to reach
 * this node (milliseconds); this node's own writes are in it at once.
 *
 * <p>Started in three steps that leave nothing out: note the bucket's last sequence, read every record after
 * it, then list the entries as they are. Every entry carries its revision (its stream sequence), and an older
 * revision never replaces a newer one, so the listing and the records may arrive in any order.
 */
final class MemberView implements AutoCloseable {

    /** A key's last known state: {@code entry} null once deleted, kept until the reader has passed the delete. */
    private record Known(long revision, Registry.MemberEntry entry) {}

    private static final String OPERATION = "KV-Operation";

    private final String subjectPrefix;
    /** Guarded by this view, like {@link #rooms}. */
    private final Map<String, Known> byKey = new HashMap<>();
    /** Live entries by room token, then by key. */
    private final Map<String, Map<String, Registry.MemberEntry>> rooms = new HashMap<>();

    private final LogReader reader;
    private boolean listed;

    /** Steps one and two; {@link #fill} is the third. */
    MemberView(NatsLink link) throws NatsUnavailableException {
        String bucket = link.settings().namesBucket();
        String stream = "KV_" + bucket;
        this.subjectPrefix = "$KV." + bucket + ".";
        long last = Failover.call(link, "cannot read the names bucket", () -> lastSequence(link, stream));
        this.reader = new LogReader(link, stream, subjectPrefix + "member.>", last, this::record);
    }

    /** The entries as listed after the view started reading. */
    synchronized void fill(List<KvReads.Entry> listing) {
        for (KvReads.Entry entry : listing) {
            apply(entry.key(), entry.revision(), Registry.parse(entry));
        }
        listed = true;
    }

    private static long lastSequence(NatsLink link, String stream) throws IOException, JetStreamApiException {
        return link.management().getStreamInfo(stream).getStreamState().getLastSequence();
    }

    /** The room's members on all nodes, in join order. */
    synchronized List<Registry.MemberEntry> memberships(String room) {
        Map<String, Registry.MemberEntry> members = rooms.get(Tokens.of(room));
        if (members == null) {
            return List.of();
        }
        List<Registry.MemberEntry> sorted = new ArrayList<>(members.values());
        sorted.sort(Comparator.comparingLong(Registry.MemberEntry::joinSeq));
        return sorted;
    }

    /** Every room with members: its name as its first member wrote it, and how many. */
    synchronized List<Registry.RoomSize> rooms() {
        List<Registry.RoomSize> sizes = new ArrayList<>(rooms.size());
        for (Map<String, Registry.MemberEntry> members : rooms.values()) {
            Registry.MemberEntry first = members.values().stream()
                    .min(Comparator.comparingLong(Registry.MemberEntry::joinSeq))
                    .orElseThrow();
            sizes.add(new Registry.RoomSize(first.room(), members.size()));
        }
        sizes.sort(Comparator.comparing(Registry.RoomSize::room, String.CASE_INSENSITIVE_ORDER));
        return sizes;
    }

    /** How many rooms have members. */
    synchronized int roomCount() {
        return rooms.size();
    }

    /** This node wrote {@code entry} at {@code revision}: seen at once, not when the record comes round. */
    void wrote(String key, long revision, Registry.MemberEntry entry) {
        apply(key, revision, entry);
    }

    /** This node deleted {@code key}: gone at once; the delete's own record comes round later. */
    synchronized void deleted(String key) {
        Known known = byKey.get(key);
        apply(key, known == null ? 0 : known.revision() + 1, null);
    }

    /** On the reader's thread, in stream order. */
    private void record(Message message) {
        String key = message.getSubject().substring(subjectPrefix.length());
        long revision = message.metaData().streamSequence();
        Headers headers = message.getHeaders();
        if (headers != null && headers.getFirst(OPERATION) != null) {
            apply(key, revision, null);
            synchronized (this) {
                Known known = byKey.get(key);
                if (listed && known != null && known.entry() == null && known.revision() <= revision) {
                    byKey.remove(key); // the reader is past the delete: nothing older can come any more
                }
            }
            return;
        }
        byte[] data = message.getData();
        String value = data == null ? "" : new String(data, StandardCharsets.UTF_8);
        apply(key, revision, Registry.parse(new KvReads.Entry(key, revision, value)));
    }

    private synchronized void apply(String key, long revision, Registry.MemberEntry entry) {
        Known known = byKey.get(key);
        if (known != null && known.revision() >= revision) {
            return; // older than what is known
        }
        byKey.put(key, new Known(revision, entry));
        if (known != null && known.entry() != null) {
            String token = Tokens.of(known.entry().room());
            Map<String, Registry.MemberEntry> members = rooms.get(token);
            if (members != null) {
                members.remove(key);
                if (members.isEmpty()) {
                    rooms.remove(token);
                }
            }
        }
        if (entry != null) {
            rooms.computeIfAbsent(Tokens.of(entry.room()), t -> new HashMap<>()).put(key, entry);
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}

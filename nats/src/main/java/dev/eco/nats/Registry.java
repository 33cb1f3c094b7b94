package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import java.io.IOException;
import java.util.List;

/**
 * Nicknames and room membership shared by all nodes, in the key-value bucket {@code PREFIX_NAMES}:
 * <ul>
 * <li>{@code nick.NICK} = the holder's {@link MemberRef#key()}: taken with create-if-absent, so a name is held by
 *     one member across all nodes; NICK is the lower-case name, so names are unique regardless of case;
 * <li>{@code member.ROOM.MEMBER} = {@code JOINSEQ NICK ROOMNAME}: one entry per member in a room, for
 *     {@code /who} (in join order: by the join's stream sequence) and {@code /rooms};
 * <li>{@code guests} = the last {@code guest-N} number handed out, advanced by compare-and-set.
 * </ul>
 * Entries live until deleted: their owner deletes them, or, when it dies, the survivors ({@link Reaper}).
 * Writes go to the bucket, single reads to its leader ({@link KvReads}), listings through {@link KvListing}; all
 * are tried again while NATS fails over.
 */
public final class Registry implements AutoCloseable {

    /** How a room appears in {@code /rooms}. */
    public record RoomSize(String room, int members) {}

    /** One member entry as stored. */
    record MemberEntry(String key, long revision, String room, String memberKey, long joinSeq, String nick) {}

    private final NatsLink link;
    private final KeyValue kv;
    private final KeyValue listing;
    private final KvReads reads;
    private final MemberView view;

    Registry(NatsLink link) throws NatsUnavailableException {
        this.link = link;
        String bucket = link.settings().namesBucket();
        this.kv = Buckets.open(link, bucket, link.settings().requestTimeout());
        this.listing = Buckets.open(link, bucket, KvListing.TRY_TIMEOUT);
        this.reads = new KvReads(link, bucket);
        this.view = new MemberView(link);
        try {
            view.fill(call(() -> KvListing.list(listing, reads, "member.>")));
        } catch (NatsUnavailableException | RuntimeException e) {
            view.close();
            throw e;
        }
    }

    KeyValue bucket() {
        return kv;
    }

    KvReads reads() {
        return reads;
    }

    /** Takes {@code nick} for {@code who}; false when another member holds it (on any node). */
    public boolean claimNick(String nick, MemberRef who) throws NatsUnavailableException {
        String key = nickKey(nick);
        return call(() -> {
            try {
                kv.create(key, KvCall.bytes(who.key()));
                return true;
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != KvCall.WRONG_LAST_SEQUENCE) {
                    throw e;
                }
                // taken: by someone else, or by this very claim, stored before a lost acknowledgement
                return who.key().equals(holder(key));
            }
        });
    }

    /** Whether {@code who} holds {@code nick} now. */
    public boolean holds(String nick, MemberRef who) throws NatsUnavailableException {
        return call(() -> who.key().equals(holder(nickKey(nick))));
    }

    private String holder(String key) throws IOException, JetStreamApiException {
        KvReads.Entry entry = reads.get(key);
        return entry == null ? null : entry.value();
    }

    /** Frees {@code nick} if {@code who} still holds it. */
    public void releaseNick(String nick, MemberRef who) throws NatsUnavailableException {
        String key = nickKey(nick);
        call(() -> {
            KvReads.Entry holder = reads.get(key);
            if (holder != null && who.key().equals(holder.value())) {
                KvCall.deleteIfUnchanged(kv, key, holder.revision());
            }
            return null;
        });
    }

    /** A free {@code guest-N}, now held by {@code who}: N counts across all nodes. */
    public String claimGuest(MemberRef who) throws NatsUnavailableException {
        while (true) {
            long n = call(() -> GuestCounter.next(kv, reads));
            String guest = "guest-" + n;
            if (claimNick(guest, who)) {
                return guest;
            }
        }
    }

    /** Records {@code who} as a member of {@code room} since the join stored at {@code joinSeq}. */
    public void enter(String room, MemberRef who, String nick, long joinSeq) throws NatsUnavailableException {
        put(room, who, nick, joinSeq);
    }

    /** The member's new name, for {@code /who} on every node. */
    public void rename(String room, MemberRef who, String nick, long joinSeq) throws NatsUnavailableException {
        put(room, who, nick, joinSeq);
    }

    public void exit(String room, MemberRef who) throws NatsUnavailableException {
        String key = memberKey(room, who.key());
        call(() -> {
            kv.delete(key);
            return null;
        });
        view.deleted(key);
    }

    /** The member's entry in {@code room}, or null when it has none (it left, or was reaped). */
    MemberEntry membership(String room, MemberRef who) throws NatsUnavailableException {
        KvReads.Entry entry = call(() -> reads.get(memberKey(room, who.key())));
        return entry == null ? null : parse(entry);
    }

    /**
     * The room's members on all nodes, in join order; empty when nobody is in it. From this node's
     * {@link MemberView}: no round trip, and as recent as the view.
     */
    public List<String> members(String room) throws NatsUnavailableException {
        return memberships(room).stream().map(MemberEntry::nick).toList();
    }

    /** Every room with members, on all nodes, sorted by name regardless of case; from the view. */
    public List<RoomSize> rooms() throws NatsUnavailableException {
        requireAvailable();
        return view.rooms();
    }

    /** How many rooms have members, on all nodes; from the view. */
    int roomCount() throws NatsUnavailableException {
        requireAvailable();
        return view.roomCount();
    }

    List<MemberEntry> memberships(String room) throws NatsUnavailableException {
        requireAvailable();
        return view.memberships(room);
    }

    /** A view is only as recent as NATS: without it the answer is {@code unavailable}, as every room request's. */
    private void requireAvailable() throws NatsUnavailableException {
        if (!link.available()) {
            throw link.unavailable();
        }
    }

    List<MemberEntry> all() throws NatsUnavailableException {
        return scan("member.>");
    }

    /** Every held name: {@code nick.NICK} = holder. */
    List<KvReads.Entry> names() throws NatsUnavailableException {
        return call(() -> KvListing.list(listing, reads, "nick.*"));
    }

    private List<MemberEntry> scan(String filter) throws NatsUnavailableException {
        return call(() -> KvListing.list(listing, reads, filter)).stream()
                .map(Registry::parse)
                .toList();
    }

    private void put(String room, MemberRef who, String nick, long joinSeq) throws NatsUnavailableException {
        String key = memberKey(room, who.key());
        String value = joinSeq + " " + nick + " " + room;
        long revision = call(() -> kv.put(key, KvCall.bytes(value)));
        view.wrote(key, revision, parse(new KvReads.Entry(key, revision, value)));
    }

    @Override
    public void close() {
        view.close();
    }

    static MemberEntry parse(KvReads.Entry entry) {
        String[] parts = entry.value().split(" ", 3);
        String key = entry.key();
        return new MemberEntry(
                key,
                entry.revision(),
                parts[2],
                key.substring(key.lastIndexOf('.') + 1),
                Long.parseLong(parts[0]),
                parts[1]);
    }

    static String nickKey(String nick) {
        return "nick." + Tokens.of(nick);
    }

    static String memberKey(String room, String member) {
        return "member." + Tokens.of(room) + "." + member;
    }

    private <T> T call(Failover.Operation<T> operation) throws NatsUnavailableException {
        return KvCall.run(link, operation);
    }
}

package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Nicknames and room membership shared by all nodes, in the key-value bucket {@code PREFIX_NAMES}:
 * <ul>
 * <li>{@code nick.NICK} = the holder's {@link MemberRef#key()}: taken with create-if-absent, so a name is held by
 *     one member across all nodes; NICK is the lower-case name, so names are unique regardless of case;
 * <li>{@code member.ROOM.MEMBER} = {@code JOINSEQ NICK ROOMNAME}: one entry per member in a room, for
 *     {@code /who} (in join order: by the join's stream sequence) and {@code /rooms};
 * <li>{@code guests} = the last {@code guest-N} number handed out, advanced by compare-and-set.
 * </ul>
 * Entries live until deleted: their owner deletes them, or, when it dies, the survivors ({@link Liveness}).
 */
public final class Registry {

    /** How a room appears in {@code /rooms}. */
    public record RoomSize(String room, int members) {}

    /** One member entry as stored. */
    record MemberEntry(String key, long revision, String room, String memberKey, long joinSeq, String nick) {}

    private final NatsLink link;
    private final KeyValue kv;
    private final Duration timeout;

    private Registry(NatsLink link, KeyValue kv) {
        this.link = link;
        this.kv = kv;
        this.timeout = link.settings().requestTimeout();
    }

    public static Registry open(NatsLink link) throws NatsUnavailableException {
        return new Registry(link, Buckets.open(link, link.settings().namesBucket(), Duration.ZERO));
    }

    KeyValue bucket() {
        return kv;
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
                KeyValueEntry holder = kv.get(key);
                return holder != null && who.key().equals(holder.getValueAsString());
            }
        });
    }

    /** Frees {@code nick} if {@code who} still holds it. */
    public void releaseNick(String nick, MemberRef who) throws NatsUnavailableException {
        String key = nickKey(nick);
        call(() -> {
            KeyValueEntry holder = kv.get(key);
            if (holder != null && who.key().equals(holder.getValueAsString())) {
                KvCall.deleteIfUnchanged(kv, key, holder.getRevision());
            }
            return null;
        });
    }

    /** A free {@code guest-N}, now held by {@code who}: N counts across all nodes. */
    public String claimGuest(MemberRef who) throws NatsUnavailableException {
        while (true) {
            long n = call(this::nextGuestNumber);
            String guest = "guest-" + n;
            if (claimNick(guest, who)) {
                return guest;
            }
        }
    }

    private long nextGuestNumber() throws IOException, JetStreamApiException {
        while (true) {
            KeyValueEntry entry = kv.get("guests");
            try {
                if (entry == null) {
                    kv.create("guests", KvCall.bytes("1"));
                    return 1;
                }
                long next = Long.parseLong(entry.getValueAsString()) + 1;
                kv.update("guests", KvCall.bytes(Long.toString(next)), entry.getRevision());
                return next;
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != KvCall.WRONG_LAST_SEQUENCE) {
                    throw e;
                }
                // another node took that number first: read again
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
        call(() -> {
            kv.delete(memberKey(room, who.key()));
            return null;
        });
    }

    /** The room's members on all nodes, in join order; empty when nobody is in it. */
    public List<String> members(String room) throws NatsUnavailableException {
        return memberships(room).stream().map(MemberEntry::nick).toList();
    }

    /** The room as first named by its earliest member still in it, or null when the room is empty. */
    public String roomName(String room) throws NatsUnavailableException {
        List<MemberEntry> members = memberships(room);
        return members.isEmpty() ? null : members.getFirst().room();
    }

    /** Every room with members, on all nodes, sorted by name regardless of case. */
    public List<RoomSize> rooms() throws NatsUnavailableException {
        Map<String, List<MemberEntry>> byRoom = new TreeMap<>();
        for (MemberEntry m : all()) {
            byRoom.computeIfAbsent(Tokens.of(m.room()), key -> new ArrayList<>())
                    .add(m);
        }
        List<RoomSize> sizes = new ArrayList<>();
        for (List<MemberEntry> members : byRoom.values()) {
            members.sort(Comparator.comparingLong(MemberEntry::joinSeq));
            sizes.add(new RoomSize(members.getFirst().room(), members.size()));
        }
        sizes.sort(Comparator.comparing(RoomSize::room, String.CASE_INSENSITIVE_ORDER));
        return sizes;
    }

    List<MemberEntry> memberships(String room) throws NatsUnavailableException {
        link.requireAvailable();
        List<MemberEntry> members = new ArrayList<>();
        for (KeyValueEntry entry : Buckets.entries(kv, "member." + Tokens.of(room) + ".*", timeout)) {
            members.add(parse(entry));
        }
        members.sort(Comparator.comparingLong(MemberEntry::joinSeq));
        return members;
    }

    List<MemberEntry> all() throws NatsUnavailableException {
        link.requireAvailable();
        return Buckets.entries(kv, "member.>", timeout).stream()
                .map(Registry::parse)
                .toList();
    }

    private void put(String room, MemberRef who, String nick, long joinSeq) throws NatsUnavailableException {
        call(() -> kv.put(memberKey(room, who.key()), KvCall.bytes(joinSeq + " " + nick + " " + room)));
    }

    private static MemberEntry parse(KeyValueEntry entry) {
        String[] parts = entry.getValueAsString().split(" ", 3);
        String key = entry.getKey();
        return new MemberEntry(
                key,
                entry.getRevision(),
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

    private <T> T call(KvCall.Operation<T> operation) throws NatsUnavailableException {
        return KvCall.run(link, operation);
    }
}

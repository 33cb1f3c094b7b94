package dev.eco.nats;

import dev.eco.chat.Broadcast;
import dev.eco.chat.ChatLimits;
import dev.eco.chat.Member;
import dev.eco.chat.Membership;
import dev.eco.chat.Rooms;
import dev.eco.protocol.Codec;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Message.RoomCount;
import dev.eco.protocol.Message.RoomList;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rooms shared by every eco server on one NATS: the second {@link Rooms}, chosen at start with {@code --nats}.
 * Messages and presence go through the JetStream room log (its stream sequence is each message's {@code seq},
 * the same on every node); names and membership through the key-value registry; each local member reads
 * its room through the node's one feed, so a slow member is cut off here and never holds the broker back.
 *
 * <p>A join, in the order that makes its seam exact: subscribe (events held), append the join, record the
 * membership, answer {@code joined} and the history, then go live after the join's sequence. A leave: stop the
 * events, append the leave (its id is the same a survivor would use for a dead node's member), delete the
 * membership. When NATS is away every room operation answers {@code unavailable} at once; a leave still
 * happens locally, and what could not be written is put right by {@link Cleanups} once NATS is back.
 */
public final class NatsRooms implements Rooms {

    private final NatsNode node;
    private final Codec codec;
    private final ChatLimits limits;
    private final ConcurrentHashMap<Member, NatsSeat> seats = new ConcurrentHashMap<>();
    private final Cleanups cleanups;
    private final SharedReplies replies;
    private final Rejoin rejoin;

    NatsRooms(NatsNode node, Codec codec, ChatLimits limits) {
        this.node = node;
        this.codec = codec;
        this.limits = limits;
        this.cleanups = new Cleanups(node);
        this.replies = new SharedReplies(codec);
        this.rejoin = new Rejoin(this);
        node.onRevived(rejoin::everyone);
    }

    /**
     * Rooms on a started node, which they own from then on; a join replays {@link ChatLimits#history()} messages,
     * at most the node's {@link NatsSettings#historyKept()}.
     */
    public static Rooms.Factory factory(NatsNode node) {
        return (codec, limits) -> new NatsRooms(node, codec, limits);
    }

    NatsNode node() {
        return node;
    }

    Codec codec() {
        return codec;
    }

    ChatLimits limits() {
        return limits;
    }

    Cleanups cleanups() {
        return cleanups;
    }

    Rejoin rejoin() {
        return rejoin;
    }

    Iterable<NatsSeat> seats() {
        return seats.values();
    }

    /** Whether {@code seat} is still this node's (its connection has not ended). */
    boolean seated(NatsSeat seat) {
        return seats.get(seat.member) == seat;
    }

    private NatsSeat seat(Member member) {
        return seats.computeIfAbsent(member, m -> new NatsSeat(m, node.newMember()));
    }

    /**
     * Each member's operations hold its seat, so that putting it back after a cut ({@link Rejoin}) never runs
     * half-way through one of its own.
     */
    @Override
    public Optional<Membership> join(Member member, Join join) {
        NatsSeat seat = seat(member);
        synchronized (seat) {
            return RoomJoin.run(
                    this, seat, join, Math.min(limits.history(), node.settings().historyKept()));
        }
    }

    @Override
    public void rename(Member member, String nick) {
        NatsSeat seat = seat(member);
        synchronized (seat) {
            NickChange.run(this, seat, nick);
        }
    }

    @Override
    public void list(Member member) {
        NatsSeat seat = seat(member);
        try {
            reply(
                    seat,
                    new RoomList(node.registry().rooms().stream()
                            .map(size -> new RoomCount(size.room(), size.members()))
                            .toList()));
        } catch (NatsUnavailableException e) {
            unavailable(seat, e);
        }
    }

    @Override
    public void disconnected(Member member) {
        NatsSeat seat = seats.remove(member);
        if (seat == null) {
            return;
        }
        synchronized (seat) {
            NatsMembership current = seat.membership;
            if (current != null) {
                leave(seat, current);
            }
            if (seat.nick != null) {
                cleanups.release(seat.nick, seat.ref);
            }
        }
    }

    /** Takes the member out of the room: at once locally, in NATS now or once it is back. Holding its seat. */
    void leave(NatsSeat seat, NatsMembership membership) {
        membership.stopEvents();
        seat.membership = null;
        cleanups.exit(membership.room(), seat.ref, seat.nick, membership.joinSeq());
    }

    /** On the feed's thread: one event for one local member. */
    void deliver(NatsSeat seat, String room, RoomEvent event) {
        Broadcast broadcast = replies.of(seat, room, event);
        if (broadcast != null) {
            seat.deliver(broadcast, codec, limits);
        }
    }

    void reply(NatsSeat seat, Reply reply) {
        seat.reply(reply, codec, limits);
    }

    void unavailable(NatsSeat seat, NatsUnavailableException e) {
        reply(seat, new ErrorReply(ErrorCode.UNAVAILABLE, e.getMessage()));
    }

    @Override
    public int roomCount() {
        return (int) seats.values().stream()
                .map(s -> s.membership)
                .filter(m -> m != null)
                .map(m -> Tokens.of(m.room()))
                .distinct()
                .count();
    }

    @Override
    public int memberCount() {
        return (int) seats.values().stream().filter(s -> s.membership != null).count();
    }

    /** Last, after the server closed its connections: whoever is still here leaves, then the node goes. */
    @Override
    public void close() {
        seats.keySet().forEach(this::disconnected);
        node.close();
    }
}

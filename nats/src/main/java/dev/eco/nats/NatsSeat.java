package dev.eco.nats;

import dev.eco.chat.Broadcast;
import dev.eco.chat.ChatLimits;
import dev.eco.chat.Member;
import dev.eco.protocol.Codec;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.Message.Presence;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.RawJson;
import org.tinylog.Logger;

/**
 * What {@link NatsRooms} keeps for one local member: its reference across nodes, its nickname and its
 * current room. Changed while holding the seat's monitor (on the member's own thread, or by {@link Rejoin});
 * read by the feed's thread, hence volatile. The feed's thread also turns the room's events into replies for it ({@link #replyFor}).
 */
final class NatsSeat {

    final Member member;
    final MemberRef ref;
    /** Null until the member chose a name or joined a room. */
    volatile String nick;
    /** Null when in no room. */
    volatile NatsMembership membership;
    /** Set once, when the member was cut off as a slow consumer: from then on nothing more is delivered. */
    private volatile boolean dropped;

    private long operations;

    NatsSeat(Member member, MemberRef ref) {
        this.member = member;
        this.ref = ref;
    }

    /** A {@code Nats-Msg-Id} for the member's next event: a retry of that event is stored once. Holding the seat. */
    String nextId(String kind) {
        operations++;
        return kind + "-" + ref.key() + "-" + operations;
    }

    boolean dropped() {
        return dropped;
    }

    /** A reply to the member itself; if even that does not fit its queue, it is a slow consumer. */
    void reply(Reply reply, Codec codec, ChatLimits limits) {
        deliver(new Broadcast(reply, codec), codec, limits);
    }

    void deliver(Broadcast broadcast, Codec codec, ChatLimits limits) {
        if (!dropped && !member.deliver(broadcast)) {
            dropSlow(codec, limits);
        }
    }

    /**
     * Cuts the member off, locally: its subscription stops at once, so the feed never waits on it; the leave
     * and the freed name reach NATS when its session ends ({@link NatsRooms#disconnected}), on its own thread.
     */
    void dropSlow(Codec codec, ChatLimits limits) {
        if (dropped) {
            return;
        }
        dropped = true;
        NatsMembership current = membership;
        if (current != null) {
            current.stopEvents();
        }
        Logger.info(
                "{} is a slow consumer{}: disconnecting",
                member.name(),
                current == null ? "" : " in room " + current.room());
        member.dropSlow(new Broadcast(limits.slowConsumer(), codec));
    }

    /** One event of the member's room, after its join, on the feed's thread: the reply it makes, or null. */
    static Reply replyFor(RoomEvent event, String roomName, String memberKey) {
        return switch (event) {
            case RoomEvent.Said said ->
                new Posted(
                        roomName,
                        said.from(),
                        new RawJson(said.body()),
                        said.id() != null && said.member().equals(memberKey) ? new RawJson(said.id()) : null,
                        said.seq());
            case RoomEvent.Entered entered ->
                entered.member().equals(memberKey)
                        ? null // its own join written again after a cut (Rejoin): it never left
                        : new Presence(roomName, entered.nick(), Presence.Event.JOIN, null);
            case RoomEvent.Exited exited ->
                exited.member().equals(memberKey)
                        ? null // NatsMembership#event never lets it get this far
                        : new Presence(roomName, exited.nick(), Presence.Event.LEAVE, null);
            case RoomEvent.Renamed renamed ->
                renamed.member().equals(memberKey)
                        ? null // the member was answered "nick" itself
                        : new Presence(roomName, renamed.nick(), Presence.Event.NICK, renamed.previous());
        };
    }

    /** Whether one encoded reply serves every member of the node for this event (no per-member id). */
    static boolean shared(RoomEvent event) {
        return !(event instanceof RoomEvent.Said said && said.id() != null) && !(event instanceof RoomEvent.Renamed);
    }
}

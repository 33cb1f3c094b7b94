package dev.eco.chat;

import dev.eco.protocol.Codec;
import dev.eco.protocol.Message.Presence;
import dev.eco.protocol.Message.Reply;
import java.util.ArrayList;
import java.util.List;
import org.tinylog.Logger;

/**
 * How {@link LocalRooms} reaches members: to one, or to a room's members under its monitor, dropping those
 * whose queue is full as slow consumers and telling the rest that they left.
 */
final class RoomDelivery {

    private final Codec codec;
    private final ChatLimits limits;
    private final RoomRegistry rooms;
    private final Counter members;

    /** Counts members in a room, for the gauge. */
    interface Counter {
        void add(int delta);
    }

    RoomDelivery(Codec codec, ChatLimits limits, RoomRegistry rooms, Counter members) {
        this.codec = codec;
        this.limits = limits;
        this.rooms = rooms;
        this.members = members;
    }

    Broadcast of(Reply reply) {
        return new Broadcast(reply, codec);
    }

    /** A reply to the member itself; if even that does not fit its queue, it is a slow consumer. */
    void reply(Seat seat, Reply reply) {
        if (!seat.member.deliver(of(reply))) {
            overflowed(seat);
        }
    }

    /** Queues a notice to every member but {@code except}; called holding the room's monitor. */
    void toRoom(Room room, Reply notice, Seat except) {
        toRoom(room, of(notice), except, null);
    }

    /**
     * Queues {@code forAll} to every member, except that {@code sender} gets {@code forSender} (nothing when
     * null); members whose queue is full are dropped. Called holding the room's monitor.
     */
    void toRoom(Room room, Broadcast forAll, Seat sender, Broadcast forSender) {
        List<Seat> slow = null;
        for (Seat member : room.members()) {
            Broadcast broadcast = member == sender ? forSender : forAll;
            if (broadcast != null && !member.member.deliver(broadcast)) {
                if (slow == null) {
                    slow = new ArrayList<>();
                }
                slow.add(member);
            }
        }
        if (slow != null) {
            dropSlow(room, slow);
        }
    }

    /** The seat's own reply did not fit its queue: drop it as a slow consumer. */
    void overflowed(Seat seat) {
        Room room = seat.room;
        if (room != null) {
            synchronized (room) {
                if (seat.room == room) {
                    dropSlow(room, List.of(seat));
                    return;
                }
            }
        }
        drop(seat, null);
    }

    /** Removes members whose queue overflowed, tells the rest they left; called holding the room's monitor. */
    private void dropSlow(Room room, List<Seat> slow) {
        for (Seat member : slow) {
            room.remove(member);
            member.room = null;
            members.add(-1);
            drop(member, room);
        }
        for (Seat member : slow) {
            if (!room.isClosed()) {
                toRoom(room, new Presence(room.name(), member.nick, Presence.Event.LEAVE, null), null);
            }
        }
        rooms.forgetIfClosed(room);
    }

    private void drop(Seat seat, Room room) {
        Logger.info("{} is a slow consumer{}: disconnecting", seat, room == null ? "" : " in room " + room.name());
        seat.member.dropSlow(of(limits.slowConsumer()));
    }
}

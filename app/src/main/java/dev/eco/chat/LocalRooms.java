package dev.eco.chat;

import dev.eco.protocol.Codec;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.Message.Joined;
import dev.eco.protocol.Message.Left;
import dev.eco.protocol.Message.NickChanged;
import dev.eco.protocol.Message.Presence;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Message.RoomList;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rooms of one eco process, in memory: the default {@link Rooms}.
 *
 * <p>Locking, the one rule that keeps every member's view of a room identical: a member's room, its nick
 * while in a room, and everything queued to a room's members change only while holding that room's monitor.
 * Queuing never blocks (a full queue makes its owner a slow consumer, removed from the room), so no sender
 * ever waits on a receiver. The room registry is only touched outside a room's monitor, except to remove a
 * room that just closed.
 */
public final class LocalRooms implements Rooms {

    private final ChatLimits limits;
    private final ConcurrentHashMap<Member, Seat> seats = new ConcurrentHashMap<>();
    private final NameRegistry names = new NameRegistry();
    private final RoomRegistry rooms;
    private final AtomicInteger members = new AtomicInteger();
    private final RoomDelivery fanOut;

    RoomDelivery fanOut() {
        return fanOut;
    }

    public LocalRooms(Codec codec, ChatLimits limits) {
        this.limits = limits;
        this.rooms = new RoomRegistry(limits.maxRooms(), limits.historyBytes());
        this.fanOut = new RoomDelivery(codec, limits, rooms, members::addAndGet);
    }

    private Seat seat(Member member) {
        return seats.computeIfAbsent(member, Seat::new);
    }

    @Override
    public void rename(Member member, String name) {
        Seat seat = seat(member);
        if (!Names.isValid(name)) {
            fanOut.reply(seat, new ErrorReply(ErrorCode.BAD_NAME, Names.rule("a nickname")));
            return;
        }
        String old = seat.nick;
        boolean sameName = old != null && Names.key(old).equals(Names.key(name));
        if (!sameName && !names.claim(name, seat)) {
            fanOut.reply(seat, new ErrorReply(ErrorCode.NICK_TAKEN, "the name " + name + " is taken"));
            return;
        }
        Room room = seat.room;
        if (room == null) {
            seat.nick = name;
            fanOut.reply(seat, new NickChanged(name));
        } else {
            synchronized (room) {
                seat.nick = name;
                fanOut.reply(seat, new NickChanged(name));
                if (seat.room == room && old != null && !old.equals(name)) {
                    fanOut.toRoom(room, new Presence(room.name(), name, Presence.Event.NICK, old), seat);
                }
            }
        }
        if (old != null && !sameName) {
            names.release(old, seat);
        }
    }

    @Override
    public Optional<Membership> join(Member member, Join join) {
        String name = join.room();
        Seat seat = seat(member);
        Room current = seat.room;
        if (!Names.isValid(name)) {
            fanOut.reply(seat, new ErrorReply(ErrorCode.BAD_NAME, Names.rule("a room name")));
            return current == null ? Optional.empty() : Optional.of(new LocalMembership(this, seat, current));
        }
        names.ensureNick(seat);
        if (current != null) {
            if (Names.key(current.name()).equals(Names.key(name))) {
                synchronized (current) {
                    fanOut.reply(seat, new Joined(current.name(), current.nicks()));
                }
                return Optional.of(new LocalMembership(this, seat, current));
            }
            leave(seat, current);
            fanOut.reply(seat, new Left(current.name())); // said even if joining the new room fails below
        }
        while (true) {
            Room room = rooms.open(name);
            if (room == null) {
                fanOut.reply(
                        seat,
                        new ErrorReply(
                                ErrorCode.TOO_MANY_ROOMS,
                                "the server has its maximum of " + limits.maxRooms() + " rooms"));
                return Optional.empty();
            }
            synchronized (room) {
                if (room.isClosed()) {
                    continue; // emptied and being removed as we looked it up: look again
                }
                if (room.members().size() >= limits.maxRoomMembers()) {
                    fanOut.reply(
                            seat,
                            new ErrorReply(
                                    ErrorCode.ROOM_FULL,
                                    "room " + room.name() + " has its maximum of " + limits.maxRoomMembers()
                                            + " members"));
                    return Optional.empty();
                }
                room.add(seat);
                seat.room = room;
                members.incrementAndGet();
                fanOut.reply(seat, new Joined(room.name(), room.nicks(), room.seq()));
                for (Reply replayed :
                        room.replay(join.since(), limits.history()).replies()) {
                    fanOut.reply(seat, replayed);
                }
                fanOut.toRoom(room, new Presence(room.name(), seat.nick, Presence.Event.JOIN, null), seat);
                return Optional.of(new LocalMembership(this, seat, room));
            }
        }
    }

    @Override
    public void list(Member member) {
        fanOut.reply(seat(member), new RoomList(rooms.counts()));
    }

    @Override
    public void disconnected(Member member) {
        Seat seat = seats.remove(member);
        if (seat == null) {
            return;
        }
        Room room = seat.room;
        if (room != null) {
            leave(seat, room);
        }
        String nick = seat.nick;
        if (nick != null) {
            names.release(nick, seat);
        }
    }

    @Override
    public int roomCount() {
        return rooms.count();
    }

    @Override
    public int memberCount() {
        return members.get();
    }

    /** The room the member is in, or null; for tests. */
    String roomOf(Member member) {
        Seat seat = seats.get(member);
        Room room = seat == null ? null : seat.room;
        return room == null ? null : room.name();
    }

    /** Nicknames held now, members or not; for tests. */
    int nickCount() {
        return names.count();
    }

    /** Takes the seat out of the room, telling the others; nothing when it is no longer there. */
    void leave(Seat seat, Room room) {
        synchronized (room) {
            if (seat.room != room) {
                return;
            }
            room.remove(seat);
            seat.room = null;
            members.decrementAndGet();
            if (!room.isClosed()) {
                fanOut.toRoom(room, new Presence(room.name(), seat.nick, Presence.Event.LEAVE, null), null);
            }
        }
        rooms.forgetIfClosed(room);
    }
}

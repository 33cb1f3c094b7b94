package dev.eco.chat;

import dev.eco.protocol.Message.Left;
import dev.eco.protocol.Message.Members;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.RawJson;

/** A seat's membership of one room of {@link LocalRooms}; stale (and inert) once the seat left it or was dropped. */
final class LocalMembership implements Membership {

    private final LocalRooms rooms;
    private final RoomDelivery fanOut;
    private final Seat seat;
    private final Room room;

    LocalMembership(LocalRooms rooms, Seat seat, Room room) {
        this.rooms = rooms;
        this.fanOut = rooms.fanOut();
        this.seat = seat;
        this.room = room;
    }

    @Override
    public String room() {
        return room.name();
    }

    @Override
    public void say(RawJson body, RawJson id) {
        synchronized (room) {
            if (seat.room != room) {
                return; // removed as a slow consumer meanwhile; it is being disconnected
            }
            long seq = room.nextSeq();
            Posted posted = new Posted(room.name(), seat.nick, body, null, seq);
            room.keep(posted);
            Broadcast forAll = fanOut.of(posted);
            Broadcast forSender = id == null ? forAll : fanOut.of(new Posted(room.name(), seat.nick, body, id, seq));
            fanOut.toRoom(room, forAll, seat, forSender);
        }
    }

    @Override
    public void who() {
        synchronized (room) {
            if (seat.room == room) {
                fanOut.reply(seat, new Members(room.name(), room.nicks()));
            }
        }
    }

    @Override
    public void leave() {
        rooms.leave(seat, room);
        fanOut.reply(seat, new Left(room.name()));
    }
}

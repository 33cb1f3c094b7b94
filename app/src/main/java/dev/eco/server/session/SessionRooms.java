package dev.eco.server.session;

import dev.eco.chat.Membership;
import dev.eco.chat.Rooms;
import dev.eco.protocol.Message.Join;
import java.util.Optional;

/**
 * A line session's side of the rooms: its membership, and the switch of its output around a join. Reader
 * thread only.
 */
final class SessionRooms {

    private final Rooms rooms;
    private final SessionMember outputs;
    private Optional<Membership> membership = Optional.empty();
    /** Whether the connection ever talked to the rooms: only then is it theirs to forget at the end. */
    private boolean known;

    SessionRooms(Rooms rooms, SessionMember outputs) {
        this.rooms = rooms;
        this.outputs = outputs;
    }

    Optional<Membership> membership() {
        return membership;
    }

    boolean inRoom() {
        return membership.isPresent();
    }

    /** From the join on, other members' threads may queue to this connection: queue first, then join. */
    void join(Join room) {
        known = true;
        if (!outputs.queue()) {
            return; // no queue, no room: the connection is being closed
        }
        membership = rooms.join(outputs, room);
        if (membership.isEmpty()) {
            outputs.unqueue();
        }
    }

    void leave(Membership current) {
        current.leave();
        membership = Optional.empty();
        outputs.unqueue();
    }

    void rename(String nick) {
        known = true;
        rooms.rename(outputs, nick);
    }

    void list() {
        known = true;
        rooms.list(outputs);
    }

    /** The connection ended: it leaves its room (the members are told) and its name is freed. */
    void disconnected() {
        if (known) {
            rooms.disconnected(outputs);
        }
    }
}

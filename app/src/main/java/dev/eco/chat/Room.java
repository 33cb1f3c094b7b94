package dev.eco.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * A chat room of {@link LocalRooms}: its members in joining order and its message counter. Everything that
 * reaches the members (messages, presence, the joiner's own reply) is queued while holding this room's
 * monitor, which is why every member sees the room's messages in one order with no gaps. Callers hold the
 * monitor.
 */
final class Room {

    private final String name;
    private final List<Seat> members = new ArrayList<>();
    private long seq;
    /** Set when the last member left; a closed room is being removed and must not be joined. */
    private boolean closed;

    Room(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    List<Seat> members() {
        return members;
    }

    List<String> nicks() {
        List<String> nicks = new ArrayList<>(members.size());
        for (Seat member : members) {
            nicks.add(member.nick);
        }
        return nicks;
    }

    long nextSeq() {
        return ++seq;
    }

    boolean isClosed() {
        return closed;
    }

    void add(Seat seat) {
        members.add(seat);
    }

    /** Removes the member; closes the room when it was the last. */
    void remove(Seat seat) {
        members.remove(seat);
        if (members.isEmpty()) {
            closed = true;
        }
    }
}

package dev.eco.server;

import java.util.ArrayList;
import java.util.List;

/**
 * A chat room: its members in joining order and its message counter. Everything that reaches the members
 * (messages, presence, the joiner's own reply) is queued while holding this room's monitor, which is why
 * every member sees the room's messages in one order with no gaps. Callers hold the monitor; see {@link Chat}.
 */
final class Room {

    private final String name;
    private final List<Peer> members = new ArrayList<>();
    private long seq;
    /** Set when the last member left; a closed room is being removed and must not be joined. */
    private boolean closed;

    Room(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    List<Peer> members() {
        return members;
    }

    List<String> nicks() {
        List<String> nicks = new ArrayList<>(members.size());
        for (Peer member : members) {
            nicks.add(member.nick());
        }
        return nicks;
    }

    long nextSeq() {
        return ++seq;
    }

    boolean isClosed() {
        return closed;
    }

    void add(Peer peer) {
        members.add(peer);
    }

    /** Removes the member; closes the room when it was the last. */
    void remove(Peer peer) {
        members.remove(peer);
        if (members.isEmpty()) {
            closed = true;
        }
    }
}

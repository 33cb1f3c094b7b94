package dev.eco.chat;

import dev.eco.protocol.Message.Posted;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A chat room of {@link LocalRooms}: its members in joining order, its message counter and its recent messages.
 * Everything that reaches the members (messages, presence, the joiner's own reply and replay) is queued while
 * holding this room's monitor, which is why every member sees the room's messages in one order with no gaps, and
 * a joiner's replay meets the live messages with none missing and none twice. Callers hold the monitor.
 *
 * <p>A room's {@code seq} goes on where the room of that name left off when it last emptied (as long as the
 * {@link RoomRegistry} remembers it), so a member that comes back can tell what it missed by the numbers alone.
 */
final class Room {

    private final String name;
    private final List<Seat> members = new ArrayList<>();
    private final RoomHistory history;
    /**
     * Every message of this name after this {@code seq} was numbered by this room or its remembered predecessors,
     * one by one: the count of what a member missed is known from there on.
     */
    private final long countedAfter;

    private long seq;
    /** Set when the last member left; a closed room is being removed and must not be joined. */
    private boolean closed;

    Room(String name, RoomRegistry.Numbering numbering, int historyBytes) {
        this.name = name;
        this.seq = numbering.lastSeq();
        this.countedAfter = numbering.countedAfter();
        this.history = new RoomHistory(historyBytes);
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

    /** The last message's {@code seq}: a member that joins now gets every message after it. */
    long seq() {
        return seq;
    }

    /** Where this room's numbering stands, for the room of this name that comes next. */
    RoomRegistry.Numbering numbering() {
        return new RoomRegistry.Numbering(seq, countedAfter);
    }

    /** Keeps a message said in the room (its copy without the sender's id). */
    void keep(Posted message) {
        history.add(message);
    }

    /**
     * What a joiner is replayed: with {@code since}, every kept message after it and how many it missed; a
     * {@code since} this room cannot place (beyond its last message, or before what it counted) gets all that is
     * kept and a gap of unknown size. Without, the last {@code history} messages.
     */
    Replay replay(OptionalLong since, int count) {
        if (since.isEmpty()) {
            return Replay.history(history.last(count), count);
        }
        long from = since.getAsLong();
        if (from > seq || from < countedAfter) {
            return Replay.resume(name, from, history.after(0), OptionalLong.empty());
        }
        return Replay.resume(name, from, history.after(from), OptionalLong.of(seq - from));
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

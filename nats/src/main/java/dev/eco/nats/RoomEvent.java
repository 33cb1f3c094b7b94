package dev.eco.nats;

/**
 * What happens in a room, as every node reads it back from the room log. {@code seq} is the JetStream stream
 * sequence of the record (0 on an event not yet stored): the same number on every node, strictly increasing
 * within a room (not contiguous: rooms share one stream). {@code member} is {@link MemberRef#key()} of the
 * member concerned, so that a node can give the sender its own copy with its {@code id}, and skip events a
 * member saw before it joined.
 */
public sealed interface RoomEvent {

    String room();

    long seq();

    String member();

    /**
     * A message: {@code body} is its raw JSON (a quoted string for a text line); {@code id} the sender's raw JSON
     * id or null, for the sender's own copy only.
     */
    record Said(String room, long seq, String from, String body, String member, String id) implements RoomEvent {}

    record Entered(String room, long seq, String nick, String member) implements RoomEvent {}

    record Exited(String room, long seq, String nick, String member) implements RoomEvent {}

    record Renamed(String room, long seq, String nick, String previous, String member) implements RoomEvent {}
}

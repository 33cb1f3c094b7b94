package dev.eco.protocol;

/**
 * Everything that crosses the wire, one record per message type. A {@link Request} is what a client
 * sends; a {@link Reply} is what the server sends, as an answer or on its own. Neither knows whether it
 * travels as a text line or as JSON: that is the {@link Style} the codec is given.
 */
public sealed interface Message {

    /** What a client sends. */
    sealed interface Request extends Message
            permits Text, Post, Ping, Quit, Help, Nick, Join, Leave, Who, ListRooms, Invalid {}

    /** What the server sends. */
    sealed interface Reply extends Message
            permits Text,
                    Posted,
                    Pong,
                    Bye,
                    HelpText,
                    ErrorReply,
                    Shutdown,
                    NickChanged,
                    Joined,
                    Left,
                    Members,
                    RoomList,
                    Presence,
                    Replayed,
                    Gap {}

    /** A text frame that is not a command: echoed back exactly. */
    record Text(String text) implements Request, Reply {
        public Text {
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /** {@code {"type":"message","body":…,"id":…}}; {@code id} is null when the client gave none. */
    record Post(RawJson body, RawJson id) implements Request {
        public Post {
            java.util.Objects.requireNonNull(body, "body");
        }
    }

    /** {@code /ping} or {@code {"type":"ping","id":…}}; {@code id} may be null. */
    record Ping(RawJson id) implements Request {}

    /** {@code quit}, {@code /quit} or {@code {"type":"quit"}}: answered by {@link Bye}, then the connection ends. */
    record Quit() implements Request {}

    /** {@code /help} or {@code {"type":"help"}}. */
    record Help() implements Request {}

    /** {@code /nick NAME} or {@code {"type":"nick","name":…}}: choose a name, unique on the server. */
    record Nick(String name) implements Request {}

    /**
     * {@code /join ROOM} or {@code {"type":"join","room":…}}: leave the current room, if any, and join ROOM. With
     * {@code since} ({@code /join ROOM since SEQ}, {@code "since":SEQ}) the join resumes: it replays the room's
     * messages after {@code SEQ} instead of the server's usual history.
     */
    record Join(String room, java.util.OptionalLong since) implements Request {
        public Join {
            java.util.Objects.requireNonNull(room, "room");
            java.util.Objects.requireNonNull(since, "since");
        }

        public Join(String room) {
            this(room, java.util.OptionalLong.empty());
        }

        public static Join since(String room, long seq) {
            return new Join(room, java.util.OptionalLong.of(seq));
        }
    }

    /** {@code /leave} or {@code {"type":"leave"}}: leave the room, back to plain echo. */
    record Leave() implements Request {}

    /** {@code /who} or {@code {"type":"who"}}: the members of the current room. */
    record Who() implements Request {}

    /** {@code /rooms} or {@code {"type":"rooms"}}: every room with its member count. */
    record ListRooms() implements Request {}

    /** A frame that could not be understood; the server answers with {@link #error()} and goes on. */
    record Invalid(ErrorReply error) implements Request {}

    /**
     * A message body delivered back: to its sender as an echo (room and from null), or to a room's members.
     * {@code seq} counts the connection's messages (echo) or the room's (chat), from 1.
     */
    record Posted(String room, String from, RawJson body, RawJson id, long seq) implements Reply {
        public Posted {
            java.util.Objects.requireNonNull(body, "body");
        }

        public static Posted echo(RawJson body, RawJson id, long seq) {
            return new Posted(null, null, body, id, seq);
        }
    }

    record Pong(RawJson id) implements Reply {}

    record Bye() implements Reply {}

    record HelpText(String text) implements Reply {
        /** The help of a line connection. */
        public static final HelpText ECHO = new HelpText(
                "eco: lines are echoed back, or said to your room once you /join ROOM;"
                        + " /nick NAME, /leave, /who, /rooms, /ping, /help; quit or /quit ends; JSON: docs/protocol.md");
    }

    /** An error; {@code id} is the request's id when it could be read, else null. */
    record ErrorReply(ErrorCode code, String message, RawJson id) implements Reply {
        public ErrorReply {
            java.util.Objects.requireNonNull(code, "code");
            java.util.Objects.requireNonNull(message, "message");
        }

        public ErrorReply(ErrorCode code, String message) {
            this(code, message, null);
        }
    }

    /** Sent to every open connection when the server shuts down, just before it closes them. */
    record Shutdown() implements Reply {}

    /** The answer to {@link Nick}: the name is now yours. */
    record NickChanged(String name) implements Reply {}

    /**
     * A room message from before the member joined, replayed on {@code join} when the server keeps history
     * ({@code eco serve --history N}): sent right after {@code joined}, oldest first, with its original
     * {@code seq}. JSON: the {@code message} object with {@code "history":true}; text: {@code [room] (history) <from> body}.
     */
    record Replayed(Posted message) implements Reply {
        public Replayed {
            java.util.Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The answer to {@link Join}: the room's members, yourself included. {@code seq}, in JSON only, is where the
     * member's time in the room starts: every message after it reaches the member, live or replayed, so a client
     * that comes back resumes from it ({@code since}) when it saw no message since; empty when the join named
     * the room the member is already in.
     */
    record Joined(String room, java.util.List<String> members, java.util.OptionalLong seq) implements Reply {
        public Joined {
            members = java.util.List.copyOf(members);
            java.util.Objects.requireNonNull(seq, "seq");
        }

        public Joined(String room, java.util.List<String> members) {
            this(room, members, java.util.OptionalLong.empty());
        }

        public Joined(String room, java.util.List<String> members, long seq) {
            this(room, members, java.util.OptionalLong.of(seq));
        }
    }

    /**
     * Told right after {@link Joined} when a resumed join ({@link Join#since}) cannot replay every message of the
     * room after {@code since}: {@code missed} of them, the oldest, are not replayed (the room no longer keeps
     * them, or a join replays fewer); empty when how many is not known. Then come the replayed messages.
     */
    record Gap(String room, long since, java.util.OptionalLong missed) implements Reply {
        public Gap {
            java.util.Objects.requireNonNull(room, "room");
            java.util.Objects.requireNonNull(missed, "missed");
        }
    }

    /** The answer to {@link Leave}. */
    record Left(String room) implements Reply {}

    /** The answer to {@link Who}. */
    record Members(String room, java.util.List<String> members) implements Reply {
        public Members {
            members = java.util.List.copyOf(members);
        }
    }

    /** The answer to {@link Rooms}. */
    record RoomList(java.util.List<RoomCount> rooms) implements Reply {
        public RoomList {
            rooms = java.util.List.copyOf(rooms);
        }
    }

    record RoomCount(String room, int members) {}

    /**
     * Told to a room's members when someone joins, leaves or is renamed; {@code previous} is the old name of
     * a {@link Event#NICK} event, else null.
     */
    record Presence(String room, String nick, Event event, String previous) implements Reply {
        public enum Event {
            JOIN,
            LEAVE,
            NICK;

            public String wireName() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }
    }
}

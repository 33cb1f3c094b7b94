package dev.eco.protocol;

/**
 * Everything that crosses the wire, one record per message type. A {@link Request} is what a client
 * sends; a {@link Reply} is what the server sends, as an answer or on its own. Neither knows whether it
 * travels as a text line or as JSON: that is the {@link Style} the codec is given.
 */
public sealed interface Message {

    /** What a client sends. */
    sealed interface Request extends Message permits Text, Post, Ping, Quit, Help, Invalid {}

    /** What the server sends. */
    sealed interface Reply extends Message permits Text, Posted, Pong, Bye, HelpText, ErrorReply, Shutdown {}

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
        /** The help for an echo connection. */
        public static final HelpText ECHO = new HelpText(
                "eco: every line is echoed back; /ping answers pong; /help shows this;"
                        + " quit or /quit ends the session; JSON: see docs/protocol.md");
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
}

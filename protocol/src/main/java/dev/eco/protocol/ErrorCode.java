package dev.eco.protocol;

/** The machine-readable codes of error replies; {@link #wireName()} is what goes on the wire. */
public enum ErrorCode {
    /** A JSON frame that is not parseable, or exceeds the nesting or number limits. */
    BAD_JSON,
    /** JSON that parses but is not a valid request: not an object, no string {@code type}, a field missing or of the wrong kind. */
    BAD_REQUEST,
    /** A JSON request whose {@code type} the server does not know. */
    UNKNOWN_TYPE,
    /** A frame longer than the frame limit; it was discarded. */
    FRAME_TOO_LONG,
    /** A frame that is not valid UTF-8; it was discarded. */
    BAD_UTF8,
    /** The server is at its connection limit; the connection is closed. */
    SERVER_FULL,
    /** The connection was idle for longer than the idle timeout; it is closed. */
    IDLE_TIMEOUT,
    /** A frame begun was not finished within the frame timeout; the connection is closed. */
    FRAME_TIMEOUT,
    /** The request is valid but this listener does not serve it (for example chat over UDP). */
    UNSUPPORTED,
    /** The client did not read its replies fast enough; it is disconnected. */
    SLOW_CONSUMER,
    /** The client sent faster than its rate limit; the frame was not delivered. */
    RATE_LIMITED,
    /** The name asked for belongs to another connection (names are unique regardless of letter case). */
    NICK_TAKEN,
    /** A nickname or room name outside the rules: 1 to 32 letters, digits, '_', '-' or '.'. */
    BAD_NAME,
    /** {@code leave} or {@code who} from a connection that is in no room. */
    NOT_IN_ROOM,
    /** The room has its maximum number of members. */
    ROOM_FULL,
    /** The server has its maximum number of rooms, so a new one cannot be created. */
    TOO_MANY_ROOMS,
    /**
     * The rooms are shared through a broker (NATS) that this server cannot reach right now; the chat frame was
     * not carried out. Echo keeps working; try again later.
     */
    UNAVAILABLE;

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    public String wireName() {
        return wireName;
    }
}

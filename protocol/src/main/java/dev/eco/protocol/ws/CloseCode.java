package dev.eco.protocol.ws;

/** The status codes of a close frame that eco sends or checks (RFC 6455, section 7.4). */
public final class CloseCode {

    private CloseCode() {}

    /** The purpose of the connection is fulfilled: {@code quit}, or the client's own close. */
    public static final int NORMAL = 1000;
    /** The server goes away: shutdown, or the connection was idle too long. */
    public static final int GOING_AWAY = 1001;
    /** The peer broke the protocol: an unmasked frame, reserved bits or opcodes, a bad fragment sequence. */
    public static final int PROTOCOL_ERROR = 1002;
    /** Never on the wire: the close frame said no code. */
    public static final int NO_STATUS = 1005;
    /** A text message or a close reason that is not valid UTF-8. */
    public static final int INVALID_PAYLOAD = 1007;
    /** The peer broke a rule of the server's own: here, a member too slow to read its room. */
    public static final int POLICY_VIOLATION = 1008;

    /**
     * Whether a peer may send {@code code} in a close frame: 1000 to 1003, 1007 to 1014, and the ranges for
     * libraries and applications, 3000 to 4999. 1004 to 1006 and 1015 are never sent; the rest is reserved.
     */
    public static boolean mayBeSent(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}

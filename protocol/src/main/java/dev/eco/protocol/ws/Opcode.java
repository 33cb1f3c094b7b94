package dev.eco.protocol.ws;

/** The frame opcodes of RFC 6455 (section 5.2); every other value is reserved and fails the connection. */
public final class Opcode {

    private Opcode() {}

    /** The next fragment of the message in progress. */
    public static final int CONTINUATION = 0x0;

    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** A control frame (close, ping, pong) carries at most this many payload bytes and is never fragmented. */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }
}

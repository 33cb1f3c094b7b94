package dev.eco.protocol.ws;

/** What RFC 6455 says of a client frame's first two bytes, given whether a fragmented message is in progress. */
final class FrameRules {

    private FrameRules() {}

    /** Why a frame starting with {@code b0 b1} breaks the protocol, or null when it does not. */
    static String broken(int b0, int b1, boolean inMessage) {
        int op = b0 & 0x0F;
        int len7 = b1 & 0x7F;
        if ((b0 & 0x70) != 0) {
            return "reserved bits set, but no extension was agreed";
        }
        if ((b1 & 0x80) == 0) {
            return "a client's frames must be masked";
        }
        if (op != Opcode.CONTINUATION
                && op != Opcode.TEXT
                && op != Opcode.BINARY
                && op != Opcode.CLOSE
                && op != Opcode.PING
                && op != Opcode.PONG) {
            return "unknown opcode " + op;
        }
        if (Opcode.isControl(op)) {
            if ((b0 & 0x80) == 0) {
                return "a control frame must not be fragmented";
            }
            return len7 > Opcode.MAX_CONTROL_PAYLOAD ? "a control frame carries at most 125 bytes" : null;
        }
        if (op == Opcode.CONTINUATION && !inMessage) {
            return "a continuation frame, but no message to continue";
        }
        return op != Opcode.CONTINUATION && inMessage ? "a new message began before the last one ended" : null;
    }
}

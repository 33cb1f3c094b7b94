package dev.eco.protocol.ws;

/**
 * What RFC 6455 (section 5.2) says of a client frame's header: whether its first two bytes break the protocol,
 * given whether a fragmented message is in progress; how long the header is; the payload length it gives.
 */
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

    /** The length of a client frame's header from its second byte: 2, then 0, 2 or 8 of extended length, then the mask. */
    static int headerLength(int b1) {
        int len7 = b1 & 0x7F;
        return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + Unmasker.KEY_BYTES;
    }

    /** The payload length a whole header gives; negative when its 8-byte length does not fit in 63 bits. */
    static long payloadLength(byte[] header) {
        int len7 = header[1] & 0x7F;
        if (len7 < 126) {
            return len7;
        }
        if (len7 == 126) {
            return ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
        }
        long length = 0;
        for (int i = 2; i < 10; i++) {
            length = (length << 8) | (header[i] & 0xFFL);
        }
        return length;
    }
}

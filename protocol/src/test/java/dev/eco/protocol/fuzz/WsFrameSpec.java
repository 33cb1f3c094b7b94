package dev.eco.protocol.fuzz;

import java.io.ByteArrayOutputStream;

/**
 * One frame as a client might send it, right or wrong, for the WebSocket fuzz target: its flags, opcode, mask,
 * how its length is written, and its payload in the clear. {@link #bytes()} is how it goes on the wire.
 *
 * @param lengthForm 0: the shortest form; 1: 16 bits; 2: 64 bits; 3: a 64-bit length with its top bit set
 *                   (the payload given is then not sent)
 */
@SuppressWarnings("ArrayRecordComponent") // a generated input, compared by nobody
record WsFrameSpec(boolean fin, int rsv, int opcode, boolean masked, int lengthForm, byte[] key, byte[] payload) {

    boolean isControl() {
        return (opcode & 0x8) != 0;
    }

    /** Header bytes: 2, the extended length, the key when masked. */
    int headerLength() {
        int extended = switch (lengthForm) {
            case 0 -> payload.length < 126 ? 0 : payload.length <= 0xFFFF ? 2 : 8;
            case 1 -> 2;
            default -> 8;
        };
        return 2 + extended + (masked ? 4 : 0);
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
        int len = payload.length;
        int extended = headerLength() - 2 - (masked ? 4 : 0);
        int len7 = extended == 0 ? len : extended == 2 ? 126 : 127;
        out.write((masked ? 0x80 : 0) | len7);
        if (lengthForm == 3) {
            out.writeBytes(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0});
        } else {
            for (int i = extended - 1; i >= 0; i--) {
                out.write((int) ((long) len >>> (8 * i)));
            }
        }
        if (masked) {
            out.writeBytes(key);
        }
        if (lengthForm != 3) {
            for (int i = 0; i < len; i++) {
                out.write(payload[i] ^ (masked ? key[i & 3] : 0));
            }
        }
        return out.toByteArray();
    }
}

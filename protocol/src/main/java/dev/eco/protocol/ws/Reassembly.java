package dev.eco.protocol.ws;

import java.util.Arrays;

/**
 * The data message being received, whatever its number of fragments: its bytes up to the limit, or once it is
 * known to be too long only its first {@link WsDecoder#HEAD_BYTES}; a text message's UTF-8 checked as it comes.
 */
final class Reassembly {

    static final int NO_MESSAGE = -1;

    private static final int INITIAL_CAPACITY = 256;
    /** A message buffer larger than this is dropped after its message rather than kept for the connection's life. */
    private static final int RETAINED_CAPACITY = 8192;

    private static final byte[] EMPTY = new byte[0];

    private final int maxBytes;
    private int opcode = NO_MESSAGE;
    private byte[] bytes;
    private int length;
    private boolean discarding;
    private final byte[] head = new byte[WsDecoder.HEAD_BYTES];
    private int headLength;
    private final Utf8Validator utf8 = new Utf8Validator();

    Reassembly(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** {@link Opcode#TEXT} or {@link Opcode#BINARY} while a message is being received, else {@link #NO_MESSAGE}. */
    int opcode() {
        return opcode;
    }

    int heldBytes() {
        return length;
    }

    boolean discarding() {
        return discarding;
    }

    /** A data frame of {@code frameLength} payload bytes begins; {@code frameOpcode} 0 continues the message. */
    void startFrame(int frameOpcode, long frameLength) {
        if (frameOpcode != Opcode.CONTINUATION) {
            opcode = frameOpcode;
            utf8.reset();
        }
        if (!discarding && length + frameLength > maxBytes) {
            discarding = true;
            headLength = Math.min(length, WsDecoder.HEAD_BYTES);
            if (headLength > 0) {
                System.arraycopy(bytes, 0, head, 0, headLength);
            }
            length = 0;
            release();
        }
    }

    /** Payload bytes, already unmasked: kept, or only the head's when discarding. False: not UTF-8 text. */
    boolean add(byte[] buf, int at, int n) {
        if (opcode == Opcode.TEXT && !utf8.feed(buf, at, n)) {
            return false;
        }
        if (discarding) {
            int take = Math.min(WsDecoder.HEAD_BYTES - headLength, n);
            if (take > 0) {
                System.arraycopy(buf, at, head, headLength, take);
                headLength += take;
            }
        } else {
            append(buf, at, n);
        }
        return true;
    }

    /** A message that arrived whole in one read, to be handed on from there: false when it is not UTF-8 text. */
    boolean check(byte[] buf, int at, int n) {
        return opcode != Opcode.TEXT || utf8.feed(buf, at, n);
    }

    /**
     * The message is complete: hands it on from {@code buf} (a whole one checked by {@link #check}) or, when
     * null, from what was kept; or its head, if it was discarded. False when text ended inside a character.
     */
    boolean end(WsDecoder.Sink sink, byte[] buf, int off, int len) {
        int op = opcode;
        if (op == Opcode.TEXT && !utf8.complete()) {
            return false;
        }
        byte[] from = buf != null ? buf : bytes == null ? EMPTY : bytes;
        int at = buf != null ? off : 0;
        int n = buf != null ? len : length;
        opcode = NO_MESSAGE;
        length = 0;
        if (discarding) {
            discarding = false;
            sink.tooLong(op, head, 0, headLength);
        } else if (op == Opcode.TEXT) {
            sink.text(from, at, n);
        } else {
            sink.binary(from, at, n);
        }
        release();
        return true;
    }

    /** Forgets the message: the connection is failing. */
    void clear() {
        length = 0;
        bytes = null;
    }

    private void append(byte[] buf, int at, int n) {
        if (bytes == null) {
            bytes = new byte[Math.min(maxBytes, Math.max(INITIAL_CAPACITY, n))];
        } else if (length + n > bytes.length) {
            int capacity = Math.max(bytes.length * 2, length + n);
            bytes = Arrays.copyOf(bytes, Math.min(capacity, maxBytes));
        }
        System.arraycopy(buf, at, bytes, length, n);
        length += n;
    }

    /** An idle connection should not keep the buffer of its one big message. */
    private void release() {
        if (bytes != null && bytes.length > RETAINED_CAPACITY) {
            bytes = null;
        }
    }
}

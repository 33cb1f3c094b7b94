package dev.eco.protocol.ws;

/**
 * Turns what a WebSocket client sends after the upgrade (RFC 6455, section 5) into whole messages and control
 * frames, for one connection.
 *
 * <p>Properties, after Netty's {@code WebSocket08FrameDecoder} and its frame aggregator:
 * <ul>
 *   <li>A frame may arrive split over any number of reads, and one read may hold many frames: the bytes of an
 *       unfinished header are kept between reads; payload bytes are looked at once.</li>
 *   <li>Payloads are unmasked in place, in the buffer given. A message that is one frame and arrives whole in
 *       one read is handed on from that buffer, with no copy; a fragmented one is reassembled.</li>
 *   <li>A message longer than {@code maxMessageBytes} (all its fragments together) is discarded as it comes and
 *       reported once, at its end, through {@link Sink#tooLong} with its first {@link #HEAD_BYTES} bytes; the
 *       messages after it decode normally. Memory per connection never exceeds the limit, and 125 bytes for a
 *       control frame.</li>
 *   <li>Control frames (ping, pong, close) may come between the fragments of a message, and are handed on at
 *       once.</li>
 *   <li>Text is checked as UTF-8 as it arrives, across fragments: the first invalid byte fails the connection
 *       (1007), a discarded message's too.</li>
 *   <li>A violation of the protocol ends decoding through {@link Sink#fail} with the close code to send; the
 *       client's close frame ends it through {@link Sink#close}. Nothing is decoded after either.</li>
 * </ul>
 * No extension is ever agreed, so the reserved bits must be 0. Not thread-safe: one decoder belongs to one
 * connection's reader.
 */
public final class WsDecoder {

    /** Receives what was decoded. Byte arrays are only valid during the call: copy what you keep. */
    public interface Sink {
        /** A whole text message, valid UTF-8. */
        void text(byte[] buf, int off, int len);

        /** A whole binary message. */
        void binary(byte[] buf, int off, int len);

        void ping(byte[] buf, int off, int len);

        void pong(byte[] buf, int off, int len);

        /** The client's close frame: its code ({@link CloseCode#NO_STATUS} when it gave none) and reason. */
        void close(int code, String reason);

        /**
         * A message over the limit was discarded; {@code head[off, off+len)} are its first bytes, at most
         * {@link #HEAD_BYTES}, to tell its style; {@code opcode} is {@link Opcode#TEXT} or {@link Opcode#BINARY}.
         */
        void tooLong(int opcode, byte[] head, int off, int len);

        /** The client broke the protocol: the connection must be closed with {@code code}. */
        void fail(int code, String reason);
    }

    /** How many leading bytes of a discarded message are kept, so that its error can be styled like it. */
    public static final int HEAD_BYTES = 64;

    // The header being read: 2 bytes, up to 8 of length, 4 of mask.
    private final byte[] header = new byte[14];
    private int headerLen;
    private int headerNeed = 2;

    // The frame whose payload is being read.
    private boolean inPayload;
    private boolean fin;
    private int opcode;
    private long remaining;
    private final Unmasker unmasker = new Unmasker();

    private final Reassembly message;

    private final byte[] control = new byte[Opcode.MAX_CONTROL_PAYLOAD];
    private int controlLen;
    private boolean ended;

    public WsDecoder(int maxMessageBytes) {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1, not " + maxMessageBytes);
        }
        this.message = new Reassembly(maxMessageBytes);
    }

    /** Decodes {@code len} bytes of {@code buf} from {@code off} (unmasking them there), passing on what completes. */
    public void decode(byte[] buf, int off, int len, Sink sink) {
        int at = off;
        int end = off + len;
        while (at < end && !ended) {
            if (!inPayload) {
                at = header(buf, at, end, sink);
                continue;
            }
            int n = (int) Math.min(remaining, end - at);
            payload(buf, at, n, sink);
            at += n;
            remaining -= n;
            if (remaining == 0 && !ended) {
                endFrame(sink);
            }
        }
    }

    /** Whether a close frame or a violation has ended decoding. */
    public boolean ended() {
        return ended;
    }

    /** Bytes held for unfinished frames and messages; zero between messages. */
    public int pendingBytes() {
        return headerLen + message.heldBytes() + controlLen;
    }

    /** Reads header bytes; once the header is whole, starts its frame (and hands on a whole message at once). */
    private int header(byte[] buf, int at, int end, Sink sink) {
        int i = at;
        while (headerLen < headerNeed && i < end) {
            header[headerLen++] = buf[i++];
            if (headerLen == 2 && !firstTwoBytes(sink)) {
                return end;
            }
        }
        if (headerLen < headerNeed) {
            return i;
        }
        if (!startFrame(sink)) {
            return end;
        }
        if (remaining == 0) {
            endFrame(sink);
        } else if (fin
                && opcode != Opcode.CONTINUATION
                && !Opcode.isControl(opcode)
                && !message.discarding()
                && remaining <= end - i) {
            int n = (int) remaining; // at most the limit, since it is not discarded
            unmasker.unmask(buf, i, n);
            remaining = 0;
            if (!message.check(buf, i, n)) {
                fail(sink, CloseCode.INVALID_PAYLOAD, "a text message that is not valid UTF-8");
                return end;
            }
            whole(buf, i, n, sink);
            return i + n;
        } else {
            inPayload = true;
        }
        return i;
    }

    /** Checks what the first two bytes say, so that a bad frame fails before its mask or payload arrive. */
    private boolean firstTwoBytes(Sink sink) {
        String broken =
                FrameRules.broken(header[0] & 0xFF, header[1] & 0xFF, message.opcode() != Reassembly.NO_MESSAGE);
        if (broken != null) {
            return fail(sink, CloseCode.PROTOCOL_ERROR, broken);
        }
        headerNeed = FrameRules.headerLength(header[1] & 0xFF);
        return true;
    }

    private boolean startFrame(Sink sink) {
        fin = (header[0] & 0x80) != 0;
        opcode = header[0] & 0x0F;
        long length = FrameRules.payloadLength(header);
        if (length < 0) {
            return fail(sink, CloseCode.PROTOCOL_ERROR, "a frame's length must fit in 63 bits");
        }
        unmasker.start(header, headerNeed - Unmasker.KEY_BYTES);
        headerLen = 0;
        headerNeed = 2;
        remaining = length;
        if (Opcode.isControl(opcode)) {
            controlLen = 0;
            return true;
        }
        message.startFrame(opcode, length);
        return true;
    }

    private void payload(byte[] buf, int at, int n, Sink sink) {
        unmasker.unmask(buf, at, n);
        if (Opcode.isControl(opcode)) {
            System.arraycopy(buf, at, control, controlLen, n);
            controlLen += n;
            return;
        }
        if (!message.add(buf, at, n)) {
            fail(sink, CloseCode.INVALID_PAYLOAD, "a text message that is not valid UTF-8");
        }
    }

    private void endFrame(Sink sink) {
        inPayload = false;
        switch (opcode) {
            case Opcode.PING -> sink.ping(control, 0, controlLen);
            case Opcode.PONG -> sink.pong(control, 0, controlLen);
            case Opcode.CLOSE -> close(sink);
            default -> {
                if (fin) {
                    whole(null, 0, 0, sink);
                }
            }
        }
    }

    /** The message is complete: from {@code buf} when it arrived whole there, else from what was kept. */
    private void whole(byte[] buf, int off, int len, Sink sink) {
        if (!message.end(sink, buf, off, len)) {
            fail(sink, CloseCode.INVALID_PAYLOAD, "a text message that ends inside a character");
        }
    }

    /** The client's close frame ends decoding, whether it is handed on or breaks the protocol. */
    private void close(Sink sink) {
        ended = true;
        if (!ClosePayload.handOn(control, controlLen, sink)) {
            message.clear(); // as after any violation
        }
    }

    private boolean fail(Sink sink, int code, String reason) {
        ended = true;
        message.clear();
        sink.fail(code, reason);
        return false;
    }
}

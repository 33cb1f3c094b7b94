package dev.eco.protocol;

import java.util.Arrays;

/**
 * Splits a byte stream into frames at LF, for one connection.
 *
 * <p>Properties, after Netty's {@code LineBasedFrameDecoder}:
 * <ul>
 *   <li>A CR immediately before the LF is not part of the frame; the {@link LineEnd} says which ending it had.</li>
 *   <li>A frame may arrive split over any number of reads, and one read may hold many frames. Only the
 *       unterminated tail of a read is copied and kept, so bytes are scanned once however slowly they come.</li>
 *   <li>A frame longer than {@code maxFrameBytes} puts the decoder in a <em>discarding</em> state: its bytes are
 *       dropped up to the next LF, then it is reported once through {@link Sink#tooLong}, and the frames after it
 *       decode normally. Memory per connection never exceeds the limit.</li>
 *   <li>At end of stream a non-empty unterminated tail is a final frame: nothing the client sent is lost.</li>
 * </ul>
 * Not thread-safe: one decoder belongs to one connection's reader.
 */
public final class FrameDecoder {

    /** Receives frames. The byte array is only valid during the call: copy what you keep. */
    public interface Sink {
        void frame(byte[] buf, int off, int len, LineEnd end);

        /**
         * A frame over the limit was discarded; {@code head[off, off+len)} are its first 64 bytes
         * (all of it if shorter, never its terminator), however the frame was split into reads, to tell its style.
         */
        void tooLong(byte[] head, int off, int len, LineEnd end);
    }

    /** How many leading bytes of a discarded frame are kept, so that its error can be styled like it. */
    public static final int HEAD_BYTES = 64;

    private static final int INITIAL_CAPACITY = 256;
    /** A carry-over buffer larger than this is dropped after use rather than kept for the connection's life. */
    private static final int RETAINED_CAPACITY = 8192;

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final int maxFrameBytes;
    /** The unterminated tail of earlier reads (or, while discarding, the first bytes of the discarded frame). */
    private byte[] pending;

    private int pendingLen;
    private boolean discarding;
    /** While discarding: how many bytes of the frame have been seen, its CR included if it has one. */
    private long discardedLen;
    /** While discarding: whether the last dropped byte was a CR, so a CRLF split over reads is still seen. */
    private boolean discardedCr;
    /** The ending of the last complete frame, used for the final unterminated one. */
    private LineEnd lastEnd = LineEnd.LF;

    public FrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1, not " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Decodes {@code len} bytes of {@code buf} from {@code off}, passing each complete frame to {@code sink}. */
    public void decode(byte[] buf, int off, int len, Sink sink) {
        int end = off + len;
        int start = off;
        while (start < end) {
            int lf = indexOfLf(buf, start, end);
            if (lf < 0) {
                keep(buf, start, end);
                return;
            }
            complete(buf, start, lf, sink);
            start = lf + 1;
        }
    }

    /**
     * Ends the stream: an unterminated tail becomes the last frame (ended like the frame before it), or is
     * reported too long if it is over the limit. With no LF, a CR at its end is part of it.
     */
    public void finish(Sink sink) {
        if (discarding) {
            discarding = false;
            sink.tooLong(pending, 0, (int) Math.min(pendingLen, discardedLen), lastEnd);
        } else if (pendingLen > maxFrameBytes) {
            // keep() holds one byte over the limit in case it is the CR of a CRLF; without an LF it is not.
            sink.tooLong(pending, 0, Math.min(pendingLen, HEAD_BYTES), lastEnd);
        } else if (pendingLen > 0) {
            sink.frame(pending, 0, pendingLen, lastEnd);
        }
        pendingLen = 0;
        release();
    }

    /** Whether a frame has begun and not ended: bytes of it are held, or a frame too long is being discarded. */
    public boolean inFrame() {
        return discarding || pendingLen > 0;
    }

    /** Bytes held for an incomplete frame; zero between frames. */
    public int pendingBytes() {
        return discarding ? 0 : pendingLen;
    }

    /** Handles the bytes {@code buf[start, lf)} that end a frame at the LF at {@code lf}. */
    private void complete(byte[] buf, int start, int lf, Sink sink) {
        if (!discarding && pendingLen > 0 && pendingLen + (lf - start) > maxFrameBytes + 1) {
            // The frame began in an earlier read and ends over the limit: handle it as discarded, without copying it.
            startDiscarding();
        }
        if (discarding) {
            boolean cr = lf > start ? buf[lf - 1] == CR : discardedCr;
            keepHead(buf, start, lf);
            long frameLen = discardedLen + (lf - start) - (cr ? 1 : 0);
            discarding = false;
            discardedCr = false;
            sink.tooLong(pending, 0, (int) Math.min(pendingLen, frameLen), ending(cr));
            pendingLen = 0;
            release();
            return;
        }
        byte[] frame = buf;
        int from = start;
        int to = lf;
        boolean held = pendingLen > 0;
        if (held) {
            // The frame began in an earlier read; its bytes so far are bounded by keep().
            append(buf, start, lf);
            frame = pending;
            from = 0;
            to = pendingLen;
            pendingLen = 0;
        }
        boolean cr = to > from && frame[to - 1] == CR;
        LineEnd end = ending(cr);
        int len = to - from - (cr ? 1 : 0);
        if (len > maxFrameBytes) {
            sink.tooLong(frame, from, Math.min(len, HEAD_BYTES), end);
        } else {
            sink.frame(frame, from, len, end);
        }
        if (held) {
            release();
        }
    }

    /** Keeps an unterminated tail until its LF comes, or starts discarding once it is certainly too long. */
    private void keep(byte[] buf, int start, int end) {
        int len = end - start;
        // One byte over the limit is allowed: it may be the CR of a CRLF.
        if (!discarding && pendingLen + len > maxFrameBytes + 1) {
            startDiscarding();
        }
        if (discarding) {
            keepHead(buf, start, end);
            discardedLen += len;
            discardedCr = buf[end - 1] == CR;
            return;
        }
        append(buf, start, end);
    }

    /** The frame in {@code pending} is too long: from now on only its first {@link #HEAD_BYTES} are kept. */
    private void startDiscarding() {
        discarding = true;
        discardedLen = pendingLen;
        discardedCr = pendingLen > 0 && pending[pendingLen - 1] == CR;
        pendingLen = Math.min(pendingLen, HEAD_BYTES);
    }

    /** While discarding, keeps as much of {@code buf[from, to)} as the head of the frame still lacks. */
    private void keepHead(byte[] buf, int from, int to) {
        int room = HEAD_BYTES - pendingLen;
        if (room > 0 && to > from) {
            append(buf, from, from + Math.min(room, to - from));
        }
    }

    /** An idle connection should not keep the buffer of its one big frame. */
    private void release() {
        if (pending != null && pending.length > RETAINED_CAPACITY) {
            pending = null;
        }
    }

    private void append(byte[] buf, int from, int to) {
        int len = to - from;
        if (pending == null) {
            pending = new byte[Math.max(INITIAL_CAPACITY, len)];
        } else if (pendingLen + len > pending.length) {
            int capacity = Math.max(pending.length * 2, pendingLen + len);
            pending = Arrays.copyOf(pending, Math.min(capacity, Math.max(maxFrameBytes + 1, pendingLen + len)));
        }
        System.arraycopy(buf, from, pending, pendingLen, len);
        pendingLen += len;
    }

    private LineEnd ending(boolean cr) {
        lastEnd = cr ? LineEnd.CRLF : LineEnd.LF;
        return lastEnd;
    }

    private static int indexOfLf(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == LF) {
                return i;
            }
        }
        return -1;
    }
}

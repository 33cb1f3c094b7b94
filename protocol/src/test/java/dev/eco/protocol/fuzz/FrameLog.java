package dev.eco.protocol.fuzz;

import dev.eco.protocol.FrameDecoder;
import dev.eco.protocol.LineEnd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** What a {@link FrameDecoder} reported, copied, so that two ways of decoding can be compared. */
final class FrameLog implements FrameDecoder.Sink {

    /** A frame, or the kept head of a discarded one ({@code tooLong}). */
    @SuppressWarnings("ArrayRecordComponent") // equals, hashCode and toString below use the bytes' contents
    record Event(boolean tooLong, byte[] bytes, LineEnd end) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Event e && e.tooLong == tooLong && Arrays.equals(e.bytes, bytes) && e.end == end;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + end.hashCode() + (tooLong ? 1 : 0);
        }

        @Override
        public String toString() {
            return (tooLong ? "tooLong[" : "frame[") + HexFormat.of().formatHex(bytes) + "]" + end;
        }
    }

    final List<Event> events = new ArrayList<>();

    @Override
    public void frame(byte[] buf, int off, int len, LineEnd end) {
        events.add(new Event(false, Arrays.copyOfRange(buf, off, off + len), end));
    }

    @Override
    public void tooLong(byte[] head, int off, int len, LineEnd end) {
        events.add(new Event(true, Arrays.copyOfRange(head, off, off + len), end));
    }

    /**
     * Hands {@code input[at, at+len)} to the decoder the way a server's reader does: inside a larger read buffer
     * whose other bytes are LFs, overwritten after the call, so a decoder that looks outside its range or keeps a
     * reference to the buffer instead of a copy shows up as wrong frames.
     */
    static void feed(FrameDecoder decoder, byte[] input, int at, int len, FrameDecoder.Sink sink) {
        byte[] readBuffer = new byte[len + 8];
        Arrays.fill(readBuffer, (byte) '\n');
        System.arraycopy(input, at, readBuffer, 3, len);
        decoder.decode(readBuffer, 3, len, sink);
        Arrays.fill(readBuffer, (byte) '#');
    }
}

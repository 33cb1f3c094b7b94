package dev.eco.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link FrameDecoder.Sink} that copies what it is given, for tests to compare with what they expect. */
final class Recorder implements FrameDecoder.Sink {

    /** One frame or one discarded frame; {@code bytes} is the frame, or the kept head of a discarded one. */
    @SuppressWarnings("ArrayRecordComponent") // equals, hashCode and toString below use the bytes' contents
    record Event(boolean tooLong, byte[] bytes, LineEnd end) {

        static Event frame(String text, LineEnd end) {
            return new Event(false, text.getBytes(StandardCharsets.UTF_8), end);
        }

        static Event frame(byte[] bytes, LineEnd end) {
            return new Event(false, bytes, end);
        }

        static Event tooLong(byte[] head, LineEnd end) {
            return new Event(true, head, end);
        }

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
            String shown =
                    bytes.length > 80 ? show(Arrays.copyOf(bytes, 40)) + "…(" + bytes.length + " bytes)" : show(bytes);
            return (tooLong ? "tooLong[" : "frame[") + shown + "]" + end;
        }

        private static String show(byte[] b) {
            StringBuilder s = new StringBuilder();
            for (byte x : b) {
                if (x >= 0x20 && x < 0x7F) {
                    s.append((char) x);
                } else {
                    s.append(String.format("\\x%02X", x & 0xFF));
                }
            }
            return s.toString();
        }
    }

    final List<Event> events = new ArrayList<>();

    @Override
    public void frame(byte[] buf, int off, int len, LineEnd end) {
        events.add(Event.frame(Arrays.copyOfRange(buf, off, off + len), end));
    }

    @Override
    public void tooLong(byte[] head, int off, int len, LineEnd end) {
        events.add(Event.tooLong(Arrays.copyOfRange(head, off, off + len), end));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    static byte[] repeat(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    /** Feeds {@code input} to a new decoder in reads of {@code chunk} bytes (each read at a different offset of a larger buffer), then ends the stream. */
    static List<Event> decodeInChunks(int maxFrameBytes, byte[] input, int chunk) {
        FrameDecoder decoder = new FrameDecoder(maxFrameBytes);
        Recorder sink = new Recorder();
        for (int at = 0; at < input.length; at += chunk) {
            int len = Math.min(chunk, input.length - at);
            feed(decoder, input, at, len, sink);
        }
        decoder.finish(sink);
        return sink.events;
    }

    /** Hands {@code input[at, at+len)} to the decoder the way a server would: inside a bigger, reused read buffer. */
    static void feed(FrameDecoder decoder, byte[] input, int at, int len, FrameDecoder.Sink sink) {
        byte[] readBuffer = new byte[len + 7];
        Arrays.fill(readBuffer, (byte) '\n'); // garbage around the read must never be looked at
        System.arraycopy(input, at, readBuffer, 3, len);
        decoder.decode(readBuffer, 3, len, sink);
        Arrays.fill(readBuffer, (byte) '#'); // the decoder must have copied what it keeps
    }
}

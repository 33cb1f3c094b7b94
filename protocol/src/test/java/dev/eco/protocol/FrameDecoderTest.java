package dev.eco.protocol;

import static dev.eco.protocol.Recorder.Event.frame;
import static dev.eco.protocol.Recorder.ascii;
import static dev.eco.protocol.Recorder.concat;
import static dev.eco.protocol.Recorder.decodeInChunks;
import static dev.eco.protocol.Recorder.feed;
import static dev.eco.protocol.Recorder.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.protocol.Recorder.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static final int MAX = 16;
    private static final LineEnd LF = LineEnd.LF;
    private static final LineEnd CRLF = LineEnd.CRLF;

    /** What the decoder must report for a frame over the limit: its first bytes (at most HEAD_BYTES) and its ending. */
    private static Event tooLong(byte[] frame, LineEnd end) {
        return Event.tooLong(Arrays.copyOf(frame, Math.min(frame.length, FrameDecoder.HEAD_BYTES)), end);
    }

    private static List<Event> decodeOnce(int max, byte[] input) {
        return decodeInChunks(max, input, Math.max(1, input.length));
    }

    @Test
    void frameSplitIntoTwoReadsAtEveryPosition() {
        byte[] input = ascii("hello\r\nworld\n{\"a\":1}\r\n\n");
        List<Event> expected =
                List.of(frame("hello", CRLF), frame("world", LF), frame("{\"a\":1}", CRLF), frame("", LF));
        for (int split = 0; split <= input.length; split++) {
            FrameDecoder decoder = new FrameDecoder(MAX);
            Recorder sink = new Recorder();
            feed(decoder, input, 0, split, sink);
            feed(decoder, input, split, input.length - split, sink);
            decoder.finish(sink);
            assertEquals(expected, sink.events, "split at " + split);
        }
    }

    @Test
    void frameSplitIntoThreeReadsAtEveryPairOfPositions() {
        byte[] input = ascii("ab\r\ncd\nef");
        List<Event> expected = List.of(frame("ab", CRLF), frame("cd", LF), frame("ef", LF));
        for (int i = 0; i <= input.length; i++) {
            for (int j = i; j <= input.length; j++) {
                FrameDecoder decoder = new FrameDecoder(MAX);
                Recorder sink = new Recorder();
                feed(decoder, input, 0, i, sink);
                feed(decoder, input, i, j - i, sink);
                feed(decoder, input, j, input.length - j, sink);
                decoder.finish(sink);
                assertEquals(expected, sink.events, "splits at " + i + " and " + j);
            }
        }
    }

    @Test
    void oneByteAtATime() {
        byte[] input = ascii("one\r\ntwo\nthree\r\n");
        assertEquals(
                List.of(frame("one", CRLF), frame("two", LF), frame("three", CRLF)), decodeInChunks(MAX, input, 1));
    }

    @Test
    void manyFramesInOneRead() {
        StringBuilder input = new StringBuilder();
        List<Event> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            LineEnd end = i % 3 == 0 ? CRLF : LF;
            input.append("frame ").append(i).append(end.text());
            expected.add(frame("frame " + i, end));
        }
        assertEquals(expected, decodeOnce(MAX, ascii(input.toString())));
    }

    @Test
    void crlfAndLfMixed() {
        assertEquals(
                List.of(frame("a", CRLF), frame("b", LF), frame("c", CRLF), frame("d", LF)),
                decodeOnce(MAX, ascii("a\r\nb\nc\r\nd\n")));
    }

    @Test
    void crlfSplitBetweenTwoReads() {
        FrameDecoder decoder = new FrameDecoder(MAX);
        Recorder sink = new Recorder();
        feed(decoder, ascii("abc\r"), 0, 4, sink);
        assertEquals(List.of(), sink.events);
        assertEquals(4, decoder.pendingBytes());
        assertTrue(decoder.inFrame());
        feed(decoder, ascii("\nx\n"), 0, 3, sink);
        assertEquals(List.of(frame("abc", CRLF), frame("x", LF)), sink.events);
        assertEquals(0, decoder.pendingBytes());
        assertFalse(decoder.inFrame(), "between frames");
    }

    @Test
    void crNotBeforeLfBelongsToTheFrame() {
        assertEquals(
                List.of(frame("a\rb", LF), frame("\r", CRLF), frame("\r", CRLF)),
                decodeOnce(MAX, ascii("a\rb\n\r\r\n\r")));
    }

    @Test
    void emptyFrames() {
        assertEquals(
                List.of(frame("", LF), frame("", CRLF), frame("", LF), frame("x", CRLF), frame("", CRLF)),
                decodeOnce(MAX, ascii("\n\r\n\nx\r\n\r\n")));
    }

    @Test
    void nothingAtAll() {
        assertEquals(List.of(), decodeOnce(MAX, new byte[0]));
    }

    @Test
    void tailAtEndOfStreamIsTheLastFrameEndedLikeTheOneBefore() {
        assertEquals(List.of(frame("a", CRLF), frame("tail", CRLF)), decodeOnce(MAX, ascii("a\r\ntail")));
        assertEquals(List.of(frame("a", LF), frame("tail", LF)), decodeOnce(MAX, ascii("a\ntail")));
        assertEquals(List.of(frame("only", LF)), decodeOnce(MAX, ascii("only")));
        assertEquals(List.of(frame("a", LF)), decodeOnce(MAX, ascii("a\n")), "no empty frame after the last LF");
    }

    @Test
    void finishTwiceReportsTheTailOnce() {
        FrameDecoder decoder = new FrameDecoder(MAX);
        Recorder sink = new Recorder();
        feed(decoder, ascii("x"), 0, 1, sink);
        decoder.finish(sink);
        decoder.finish(sink);
        assertEquals(List.of(frame("x", LF)), sink.events);
    }

    @Test
    void frameOfExactlyTheLimitThenOneByteOverThenAGoodFrame() {
        byte[] atLimit = repeat('a', MAX);
        byte[] over = repeat('b', MAX + 1);
        for (LineEnd end : LineEnd.values()) {
            byte[] t = ascii(end.text());
            byte[] input = concat(atLimit, t, over, t, ascii("ok"), t);
            List<Event> expected = List.of(frame(atLimit, end), tooLong(over, end), frame("ok", end));
            for (int chunk = 1; chunk <= input.length; chunk++) {
                assertEquals(expected, decodeInChunks(MAX, input, chunk), end + " in reads of " + chunk);
            }
        }
    }

    @Test
    void theDefaultLimitIs64KiB() {
        byte[] atLimit = repeat('a', 65_536);
        byte[] over = repeat('{', 65_537);
        byte[] input = concat(atLimit, ascii("\r\n"), over, ascii("\r\n"), ascii("ok\n"));
        List<Event> expected = List.of(frame(atLimit, CRLF), tooLong(over, CRLF), frame("ok", LF));
        for (int chunk : new int[] {input.length, 16_384, 1000, 7}) {
            assertEquals(expected, decodeInChunks(Limits.DEFAULT_MAX_FRAME_BYTES, input, chunk), "reads of " + chunk);
        }
    }

    @Test
    void discardingLastsAcrossManyReads() {
        FrameDecoder decoder = new FrameDecoder(MAX);
        Recorder sink = new Recorder();
        byte[] head = ascii("  {\"type\":\"message\",\"body\":\"");
        feed(decoder, head, 0, head.length, sink);
        byte[] filler = repeat('x', 1000);
        for (int i = 0; i < 200; i++) {
            feed(decoder, filler, 0, filler.length, sink);
            assertEquals(0, decoder.pendingBytes(), "nothing is kept while discarding");
            assertTrue(decoder.inFrame(), "a frame too long is still a frame, until its LF");
        }
        byte[] rest = ascii("\"}\r");
        feed(decoder, rest, 0, rest.length, sink);
        assertEquals(List.of(), sink.events, "nothing is reported before the LF");
        byte[] next = ascii("\nnext\n");
        feed(decoder, next, 0, next.length, sink);
        byte[] whole = concat(head, repeat('x', 200_000), ascii("\"}"));
        assertEquals(List.of(tooLong(whole, CRLF), frame("next", LF)), sink.events);
    }

    @Test
    void oversizedTailAtEndOfStreamIsTooLong() {
        assertEquals(
                List.of(frame("a", CRLF), tooLong(repeat('z', 100), CRLF)),
                decodeOnce(MAX, concat(ascii("a\r\n"), repeat('z', 100))));
        // One byte over the limit: held back because it might have been the CR of a CRLF, but the stream ended.
        byte[] tail = repeat('z', MAX + 1);
        for (int chunk = 1; chunk <= tail.length; chunk++) {
            assertEquals(List.of(tooLong(tail, LF)), decodeInChunks(MAX, tail, chunk), "reads of " + chunk);
        }
    }

    @Test
    void tooLongHeadDoesNotDependOnHowTheFrameWasSplit() {
        byte[] frame = concat(ascii(" "), ascii("{\"body\":\""), repeat('y', 200), ascii("\"}"));
        byte[] input = concat(frame, ascii("\n"));
        List<Event> expected = List.of(tooLong(frame, LF));
        for (int split = 0; split <= input.length; split++) {
            FrameDecoder decoder = new FrameDecoder(100);
            Recorder sink = new Recorder();
            feed(decoder, input, 0, split, sink);
            feed(decoder, input, split, input.length - split, sink);
            decoder.finish(sink);
            assertEquals(expected, sink.events, "split at " + split);
        }
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(0));
    }
}

package dev.eco.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eco.protocol.FrameDecoder;
import dev.eco.protocol.fuzz.FrameLog.Event;
import java.util.List;

/**
 * The frame decoder against hostile streams: the fuzzer picks a frame limit, how the stream is cut into reads, and
 * the stream itself.
 *
 * <p>Properties: cutting the stream into reads never changes the frames (split decoding = one-shot decoding = the
 * plain reading of the framing rules in {@link FrameOracle}); no frame handed on is longer than the limit; the
 * decoder never holds more than the limit and one byte between reads; a discarded frame is reported once, with at
 * most {@link FrameDecoder#HEAD_BYTES} of its first bytes.
 */
class FrameDecoderFuzzTest {

    /** Limits on both sides of the 64-byte head kept from a discarded frame, small enough for short inputs to pass. */
    private static final int LARGEST_LIMIT = 130;

    @FuzzTest
    void splitReadsGiveTheSameFrames(FuzzedDataProvider data) {
        int max = data.consumeInt(1, LARGEST_LIMIT);
        byte[] readSizes = data.consumeBytes(data.consumeInt(0, 32));
        byte[] stream = data.consumeRemainingAsBytes();

        List<Event> expected = FrameOracle.frames(stream, max);
        assertEquals(expected, decodeInOneRead(stream, max), "one read");
        assertEquals(expected, decodeInReads(stream, max, readSizes), "split reads");
        for (Event e : expected) {
            assertTrue(e.bytes().length <= (e.tooLong() ? FrameDecoder.HEAD_BYTES : max), e::toString);
        }
    }

    private static List<Event> decodeInOneRead(byte[] stream, int max) {
        FrameDecoder decoder = new FrameDecoder(max);
        FrameLog log = new FrameLog();
        FrameLog.feed(decoder, stream, 0, stream.length, log);
        decoder.finish(log);
        return log.events;
    }

    /** Reads of the sizes given (1 to 256 bytes, over and over), or of one byte each when none are. */
    private static List<Event> decodeInReads(byte[] stream, int max, byte[] readSizes) {
        FrameDecoder decoder = new FrameDecoder(max);
        FrameLog log = new FrameLog();
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int size = readSizes.length == 0 ? 1 : (readSizes[i % readSizes.length] & 0xFF) + 1;
            int len = Math.min(size, stream.length - at);
            FrameLog.feed(decoder, stream, at, len, log);
            at += len;
            assertTrue(
                    decoder.pendingBytes() <= max + 1,
                    () -> "holds " + decoder.pendingBytes() + " bytes, limit " + max);
        }
        decoder.finish(log);
        assertEquals(0, decoder.pendingBytes(), "bytes held after the end of the stream");
        return log.events;
    }
}

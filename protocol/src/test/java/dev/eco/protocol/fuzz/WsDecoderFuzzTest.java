package dev.eco.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eco.protocol.ws.WsDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The WebSocket decoder against hostile clients: the fuzzer picks a message limit, how the stream is cut into
 * reads, and a sequence of frames, right or wrong (reserved bits and opcodes, unmasked, fragments out of order,
 * control frames between fragments, long control frames, invalid UTF-8, lengths in any form, a stream cut
 * short).
 *
 * <p>Properties: cutting the stream into reads never changes what is decoded (split decoding = one-shot decoding
 * = {@link WsOracle}, a frame-by-frame reading of RFC 6455's rules); no message handed on is longer than the
 * limit; a discarded message is reported once, with at most its first 64 bytes; nothing follows a close or a
 * failure; between reads the decoder holds at most the limit, a header and a control frame.
 */
class WsDecoderFuzzTest {

    /** Limits on both sides of the 64-byte head kept from a discarded message, small enough for short inputs. */
    private static final int LARGEST_LIMIT = 130;

    @FuzzTest
    void splitReadsGiveWhatTheRulesSay(FuzzedDataProvider data) {
        int max = data.consumeInt(1, LARGEST_LIMIT);
        byte[] readSizes = data.consumeBytes(data.consumeInt(0, 16));
        List<WsFrameSpec> frames = frames(data);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        frames.forEach(f -> wire.writeBytes(f.bytes()));
        byte[] stream = wire.toByteArray();
        int present = stream.length - Math.min(stream.length, data.consumeInt(0, 20));

        List<String> expected = WsOracle.events(frames, present, max);
        assertEquals(expected, decodeInOneRead(stream, present, max), "one read");
        WsLog split = decodeInReads(stream, present, max, readSizes);
        assertEquals(expected, split.events, "split reads");
        assertTrue(split.longest <= max, "a message of " + split.longest + " bytes, limit " + max);
    }

    private static List<WsFrameSpec> frames(FuzzedDataProvider data) {
        List<WsFrameSpec> frames = new ArrayList<>();
        int count = data.consumeInt(0, 10);
        for (int i = 0; i < count; i++) {
            boolean fin = data.consumeBoolean();
            int rsv = data.consumeInt(0, 15) == 0 ? data.consumeInt(1, 7) : 0;
            int opcode = switch (data.consumeInt(0, 20)) {
                case 0, 1, 2, 3, 4, 5 -> 0;
                case 6, 7, 8, 9 -> 1;
                case 10, 11, 12 -> 2;
                case 13 -> 8;
                case 14, 15 -> 9;
                case 16, 17 -> 10;
                case 18 -> 3;
                case 19 -> 0xB;
                default -> 0xF;
            };
            boolean masked = data.consumeInt(0, 15) != 0;
            int lengthForm = data.consumeInt(0, 40) == 0 ? 3 : data.consumeInt(0, 6) == 0 ? 1 : 0;
            byte[] key = data.consumeBytes(4);
            if (key.length < 4) {
                key = new byte[] {1, 2, 3, 4};
            }
            int length = data.consumeInt(0, 160);
            byte[] payload = data.consumeBoolean()
                    ? data.consumeString(length).getBytes(StandardCharsets.UTF_8)
                    : data.consumeBytes(length);
            frames.add(new WsFrameSpec(fin, rsv, opcode, masked, lengthForm, key, payload));
            if (lengthForm == 3) {
                break; // nothing can follow a length no stream could carry
            }
        }
        return frames;
    }

    private static List<String> decodeInOneRead(byte[] stream, int present, int max) {
        WsLog log = new WsLog();
        WsLog.feed(new WsDecoder(max), stream, 0, present, log);
        return log.events;
    }

    /** Reads of the sizes given (1 to 256 bytes, over and over), or of one byte each when none are. */
    private static WsLog decodeInReads(byte[] stream, int present, int max, byte[] readSizes) {
        WsDecoder decoder = new WsDecoder(max);
        WsLog log = new WsLog();
        int at = 0;
        for (int i = 0; at < present; i++) {
            int size = readSizes.length == 0 ? 1 : (readSizes[i % readSizes.length] & 0xFF) + 1;
            int len = Math.min(size, present - at);
            WsLog.feed(decoder, stream, at, len, log);
            at += len;
            assertTrue(
                    decoder.pendingBytes() <= max + 14 + 125,
                    () -> "holds " + decoder.pendingBytes() + " bytes, limit " + max);
            if (decoder.ended()) {
                int events = log.events.size();
                WsLog.feed(decoder, stream, 0, present, log);
                assertEquals(events, log.events.size(), "events after a close or a failure");
            }
        }
        return log;
    }
}

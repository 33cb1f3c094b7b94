package dev.eco.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Text;
import dev.eco.protocol.Recorder.Event;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random frames (any bytes but LF, LF or CRLF, some over the limit, some not UTF-8) are joined, cut into reads at
 * random points and decoded: the same frames and errors must come out, in order. The seed is printed on failure;
 * rerun one with {@code -Deco.seed=N}.
 */
class RoundTripRandomTest {

    private static final int ROUNDS = 1000;

    private static final byte[][] BAD_UTF8 = {
        {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        {(byte) 0x80},
        {(byte) 0xBF},
        {(byte) 0xE2, (byte) 0x82},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xFF},
    };
    private static final byte[][] PIECES = {
        "a".getBytes(StandardCharsets.UTF_8), " ".getBytes(StandardCharsets.UTF_8),
                "{".getBytes(StandardCharsets.UTF_8),
        "\r".getBytes(StandardCharsets.UTF_8), "\t".getBytes(StandardCharsets.UTF_8),
                "é".getBytes(StandardCharsets.UTF_8),
        "€".getBytes(StandardCharsets.UTF_8), "😀".getBytes(StandardCharsets.UTF_8),
                "quit".getBytes(StandardCharsets.UTF_8),
        "\"type\":".getBytes(StandardCharsets.UTF_8), {0},
    };

    @SuppressWarnings("ArrayRecordComponent") // a carrier of one round's input, never compared or hashed
    private record Case(byte[] content, LineEnd end, boolean terminated) {}

    /** Limits below and above the 64-byte head kept of a discarded frame, and the smallest there is. */
    @ParameterizedTest
    @ValueSource(ints = {1, 48, 100})
    void randomFramesInRandomReads(int max) {
        long seed = Long.getLong("eco.seed", System.nanoTime());
        Random random = new Random(seed);
        Codec codec = new Codec(Limits.DEFAULT.withMaxFrameBytes(max));
        for (int round = 0; round < ROUNDS; round++) {
            List<Case> cases = randomCases(random, max);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            List<Event> expected = new ArrayList<>();
            LineEnd last = LineEnd.LF;
            for (Case c : cases) {
                wire.writeBytes(c.content);
                if (c.terminated) {
                    wire.writeBytes(c.end.text().getBytes(StandardCharsets.US_ASCII));
                    last = c.end;
                }
                LineEnd end = c.terminated ? c.end : last;
                expected.add(
                        c.content.length > max
                                ? Event.tooLong(
                                        Arrays.copyOf(c.content, Math.min(c.content.length, FrameDecoder.HEAD_BYTES)),
                                        end)
                                : Event.frame(c.content, end));
            }
            byte[] input = wire.toByteArray();
            int[] reads = randomReads(random, input.length, max);
            String where = "limit " + max + ", seed " + seed + " (-Deco.seed=" + seed + "), round " + round + ", reads "
                    + Arrays.toString(reads);

            List<Event> events = decode(max, input, reads);
            assertEquals(expected, events, where);
            assertInbounds(codec, expected, Pipeline.decode(codec, input, reads), where);
        }
    }

    /** Against an oracle independent of the codec: the JDK's strict UTF-8 decoder. */
    private static void assertInbounds(Codec codec, List<Event> frames, List<Inbound> inbounds, String where) {
        assertEquals(frames.size(), inbounds.size(), where);
        for (int i = 0; i < frames.size(); i++) {
            Event frame = frames.get(i);
            Inbound in = inbounds.get(i);
            String what = where + ", frame " + i + " " + frame;
            assertEquals(frame.end(), in.style().lineEnd(), what);
            String text = strictUtf8(frame.bytes());
            if (frame.tooLong()) {
                assertEquals(
                        ErrorCode.FRAME_TOO_LONG,
                        ((Invalid) in.request()).error().code(),
                        what);
            } else if (text == null) {
                assertEquals(
                        ErrorCode.BAD_UTF8, ((Invalid) in.request()).error().code(), what);
            } else if (!text.stripLeading().startsWith("{")) {
                // Random frames are hardly ever a command; when one is, it decodes like the whole frame alone.
                assertEquals(codec.decode(text, frame.end()).request(), in.request(), what);
                if (in.request() instanceof Text t) {
                    assertEquals(text, t.text(), what);
                }
            }
        }
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static List<Case> randomCases(Random random, int max) {
        int n = random.nextInt(12);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean terminated = i < n - 1 || random.nextInt(3) > 0;
            byte[] content = randomContent(random, terminated, max);
            if (!terminated && content.length == 0) {
                continue; // an empty unterminated tail is no frame
            }
            cases.add(new Case(content, random.nextBoolean() ? LineEnd.CRLF : LineEnd.LF, terminated));
        }
        return cases;
    }

    private static byte[] randomContent(Random random, boolean terminated, int max) {
        int target = switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1, 2 -> Math.max(0, max - 2 + random.nextInt(5)); // around the limit
            case 3 -> max + random.nextInt(4 * max + 100); // well over it
            default -> random.nextInt(Math.max(2, max / 2));
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < target) {
            int kind = random.nextInt(20);
            if (kind == 0) {
                out.writeBytes(BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
            } else if (kind < 8) {
                out.writeBytes(PIECES[random.nextInt(PIECES.length)]);
            } else {
                int b = random.nextInt(256);
                out.write(b == '\n' ? 'n' : b);
            }
        }
        byte[] content = out.toByteArray();
        // A CR just before the terminator's LF would be read as a CRLF: keep it out of a terminated frame's end.
        if (terminated && content.length > 0 && content[content.length - 1] == '\r') {
            content[content.length - 1] = 'r';
        }
        return content;
    }

    /** Read sizes adding up to {@code total}: mostly small, sometimes one byte, sometimes everything left. */
    private static int[] randomReads(Random random, int total, int max) {
        List<Integer> reads = new ArrayList<>();
        int left = total;
        while (left > 0) {
            int size = switch (random.nextInt(4)) {
                case 0 -> 1;
                case 1 -> left;
                default -> 1 + random.nextInt(Math.min(left, 3 * max + 10));
            };
            size = Math.min(size, left);
            reads.add(size);
            left -= size;
        }
        return reads.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<Event> decode(int max, byte[] input, int[] reads) {
        FrameDecoder decoder = new FrameDecoder(max);
        Recorder sink = new Recorder();
        int at = 0;
        for (int read : reads) {
            Recorder.feed(decoder, input, at, read, sink);
            at += read;
        }
        decoder.finish(sink);
        return sink.events;
    }
}

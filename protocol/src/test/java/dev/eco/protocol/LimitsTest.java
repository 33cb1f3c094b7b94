package dev.eco.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Text;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every limit is a setting: a codec built with other limits enforces those, not the defaults. */
class LimitsTest {

    private static final Codec SMALL = new Codec(new Limits(100, 4, 10));

    private static ErrorReply error(String frame) {
        return ((Invalid) SMALL.decode(frame, LineEnd.LF).request()).error();
    }

    @Test
    void defaults() {
        assertEquals(new Limits(65_536, 64, 256), Limits.DEFAULT);
        assertEquals(Limits.DEFAULT, new Codec().limits());
        assertEquals(new Limits(10, 64, 256), Limits.DEFAULT.withMaxFrameBytes(10));
    }

    @Test
    void rejectsLimitsBelowOne() {
        assertEquals(
                "maxFrameBytes must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> new Limits(0, 1, 1))
                        .getMessage());
        assertEquals(
                "maxJsonDepth must be at least 1, not -1",
                assertThrows(IllegalArgumentException.class, () -> new Limits(1, -1, 1))
                        .getMessage());
        assertEquals(
                "maxJsonNumberLength must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> new Limits(1, 1, 0))
                        .getMessage());
    }

    @Test
    void theFrameLimitReachesTheDecoderAndTheErrorSentence() {
        String atLimit = "a".repeat(100);
        byte[] input = (atLimit + "\n" + "b".repeat(101) + "\nok\n").getBytes(StandardCharsets.UTF_8);
        Style text = new Style(Style.Format.TEXT, LineEnd.LF);
        assertEquals(
                List.of(
                        new Inbound(new Text(atLimit), text),
                        new Inbound(
                                new Invalid(new ErrorReply(
                                        ErrorCode.FRAME_TOO_LONG, "a frame longer than 100 bytes was discarded")),
                                text),
                        new Inbound(new Text("ok"), text)),
                Pipeline.decode(SMALL, input, 7));
    }

    @Test
    void theDepthLimit() {
        assertEquals(
                new Post(new RawJson("[[[1]]]"), null),
                SMALL.decode("{\"type\":\"message\",\"body\":[[[1]]]}", LineEnd.LF)
                        .request());
        assertEquals(
                "the JSON exceeds a limit: Document nesting depth (5) exceeds the maximum allowed (4)",
                error("{\"type\":\"message\",\"body\":[[[[1]]]]}").message());
    }

    @Test
    void theNumberLimit() {
        assertEquals(
                new Post(new RawJson("1234567890"), null),
                SMALL.decode("{\"type\":\"message\",\"body\":1234567890}", LineEnd.LF)
                        .request());
        assertEquals(
                "the JSON exceeds a limit: Number value length (11) exceeds the maximum allowed (10)",
                error("{\"type\":\"message\",\"body\":12345678901}").message());
    }
}

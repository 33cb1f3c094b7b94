package dev.eco.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eco.protocol.Codec;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Inbound;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Request;
import dev.eco.protocol.Message.Text;
import dev.eco.protocol.Style;
import java.nio.charset.StandardCharsets;

/**
 * The text command parser against any frame that does not start like JSON.
 *
 * <p>Properties: every frame is echoed byte for byte, or is the command {@link TextCommandOracle} (the table of
 * docs/protocol.md) says, or is answered with a documented error ({@code bad_utf8}, or {@code bad_request} for a
 * command without its argument); the reply is one line in the frame's own style; nothing throws.
 */
class TextCommandFuzzTest {

    private static final Codec CODEC = new Codec();

    @FuzzTest
    void everyLineIsAnEchoACommandOrADocumentedError(FuzzedDataProvider data) {
        LineEnd end = data.pickValue(LineEnd.values());
        int offset = data.consumeInt(0, 40);
        byte[] frame = Frames.firstLine(data.consumeRemainingAsBytes());
        if (Frames.startsLikeJson(frame)) {
            return; // JsonRequestFuzzTest's
        }
        Inbound in = Frames.decodeAt(CODEC, frame, offset, end);
        assertEquals(Style.text(end), in.style());

        String text = Frames.strictUtf8(frame);
        Request expected = text == null ? null : TextCommandOracle.command(text);
        if (text == null) {
            assertEquals(
                    ErrorCode.BAD_UTF8,
                    assertInstanceOf(Invalid.class, in.request()).error().code());
        } else if (expected instanceof Text) {
            Text echo = assertInstanceOf(Text.class, in.request(), text);
            assertArrayEquals(frame, echo.text().getBytes(StandardCharsets.UTF_8), "echo must be the frame's bytes");
            assertArrayEquals(
                    withEnd(frame, end), CODEC.encode((Message.Reply) echo, in.style()), "the echo on the wire");
        } else if (expected instanceof Invalid invalid) {
            ErrorReply error =
                    assertInstanceOf(Invalid.class, in.request(), text).error();
            assertEquals(invalid.error().code(), error.code(), text);
        } else {
            assertEquals(expected, in.request(), text);
        }
        if (in.request() instanceof Invalid invalid) {
            byte[] reply = CODEC.encode(invalid.error(), in.style());
            assertTrue(Frames.isOneLine(reply), () -> "not one line: " + new String(reply, StandardCharsets.UTF_8));
        }
    }

    private static byte[] withEnd(byte[] frame, LineEnd end) {
        byte[] terminator = end.text().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[frame.length + terminator.length];
        System.arraycopy(frame, 0, out, 0, frame.length);
        System.arraycopy(terminator, 0, out, frame.length, terminator.length);
        return out;
    }
}

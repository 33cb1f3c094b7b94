package dev.eco.protocol;

import static dev.eco.protocol.Recorder.ascii;
import static dev.eco.protocol.Recorder.bytes;
import static dev.eco.protocol.Recorder.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Text;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static boolean valid(byte[] b) {
        return Utf8.isValid(b, 0, b.length);
    }

    private static void assertValid(int... b) {
        assertTrue(valid(bytes(b)), () -> HexFormat.ofDelimiter(" ").formatHex(bytes(b)) + " is valid UTF-8");
    }

    private static void assertInvalid(int... b) {
        assertFalse(valid(bytes(b)), () -> HexFormat.ofDelimiter(" ").formatHex(bytes(b)) + " is not valid UTF-8");
    }

    @Test
    void acceptsEveryLengthAtItsBoundaries() {
        assertValid();
        assertValid('a', 0x00, 0x7F);
        assertValid(0xC2, 0x80); // U+0080, smallest two-byte
        assertValid(0xDF, 0xBF); // U+07FF
        assertValid(0xE0, 0xA0, 0x80); // U+0800, smallest three-byte
        assertValid(0xED, 0x9F, 0xBF); // U+D7FF, just below the surrogates
        assertValid(0xEE, 0x80, 0x80); // U+E000, just above them
        assertValid(0xEF, 0xBF, 0xBF); // U+FFFF
        assertValid(0xF0, 0x90, 0x80, 0x80); // U+10000, smallest four-byte
        assertValid(0xF4, 0x8F, 0xBF, 0xBF); // U+10FFFF, the last code point
        assertTrue(valid("héllo €uro 😀 日本".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void rejectsOverlongForms() {
        assertInvalid(0xC0, 0xAF); // '/' in two bytes
        assertInvalid(0xC1, 0xBF);
        assertInvalid(0xE0, 0x80, 0xAF); // '/' in three bytes
        assertInvalid(0xE0, 0x9F, 0xBF); // U+07FF in three bytes
        assertInvalid(0xF0, 0x80, 0x80, 0xAF); // '/' in four bytes
        assertInvalid(0xF0, 0x8F, 0xBF, 0xBF); // U+FFFF in four bytes
    }

    @Test
    void rejectsLoneContinuationBytes() {
        assertInvalid(0x80);
        assertInvalid(0xBF);
        assertInvalid('a', 0x80, 'b');
        assertInvalid(0xC3, 0xA9, 0xA9);
    }

    @Test
    void rejectsTruncatedSequences() {
        assertInvalid(0xC3);
        assertInvalid(0xE2, 0x82);
        assertInvalid(0xF0, 0x9F, 0x98);
        assertInvalid(0xE2, 0x82, 'A');
        assertInvalid(0xF0, 0x9F, 'x', 0x80);
        // A sequence cut by the end of the range is truncated even if the buffer goes on.
        byte[] euro = bytes(0xE2, 0x82, 0xAC);
        assertTrue(Utf8.isValid(euro, 0, 3));
        assertFalse(Utf8.isValid(euro, 0, 2));
        assertFalse(Utf8.isValid(euro, 1, 2));
    }

    @Test
    void rejectsSurrogatesAndCodePointsAboveTheLast() {
        assertInvalid(0xED, 0xA0, 0x80); // U+D800
        assertInvalid(0xED, 0xBF, 0xBF); // U+DFFF
        assertInvalid(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80); // a surrogate pair written as CESU-8
        assertInvalid(0xF4, 0x90, 0x80, 0x80); // U+110000
        assertInvalid(0xF5, 0x80, 0x80, 0x80);
        assertInvalid(0xF8, 0x88, 0x80, 0x80, 0x80);
        assertInvalid(0xFE);
        assertInvalid(0xFF);
    }

    @Test
    void looksOnlyAtItsRange() {
        byte[] b = bytes(0xFF, 'o', 'k', 0xFF);
        assertTrue(Utf8.isValid(b, 1, 2));
        assertFalse(Utf8.isValid(b, 0, 2));
        assertFalse(Utf8.isValid(b, 2, 2));
    }

    @Test
    void anInvalidFrameIsAnsweredBadUtf8AndTheNextFrameDecodes() {
        Codec codec = new Codec();
        byte[][] bad = {
            bytes(0xC0, 0xAF),
            bytes(0xE0, 0x80, 0xAF),
            bytes(0x80),
            bytes(0xE2, 0x82),
            bytes(0xED, 0xA0, 0x80),
            bytes(0xF4, 0x90, 0x80, 0x80),
        };
        ErrorReply badUtf8 = new ErrorReply(ErrorCode.BAD_UTF8, "the frame is not valid UTF-8");
        for (byte[] b : bad) {
            for (LineEnd end : LineEnd.values()) {
                String hex = HexFormat.ofDelimiter(" ").formatHex(b);
                byte[] t = ascii(end.text());
                byte[] input = concat(ascii("x"), b, ascii("y"), t, ascii("fine"), t);
                List<Inbound> expected = List.of(
                        new Inbound(new Invalid(badUtf8), new Style(Style.Format.TEXT, end)),
                        new Inbound(new Text("fine"), new Style(Style.Format.TEXT, end)));
                for (int chunk = 1; chunk <= input.length; chunk++) {
                    assertEquals(
                            expected, Pipeline.decode(codec, input, chunk), hex + " " + end + " in reads of " + chunk);
                }
            }
        }
    }

    @Test
    void badUtf8InAJsonFrameIsAnsweredInJson() {
        Inbound in = new Codec()
                .decode(
                        concat(ascii("{\"type\":\"message\",\"body\":\""), bytes(0xC0, 0xAF), ascii("\"}")),
                        0,
                        30,
                        LineEnd.LF);
        assertEquals(
                new Inbound(
                        new Invalid(new ErrorReply(ErrorCode.BAD_UTF8, "the frame is not valid UTF-8")),
                        new Style(Style.Format.JSON, LineEnd.LF)),
                in);
    }
}

package dev.eco.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON frames that are not requests: each gets its documented error, with the id when it was read first. */
class CodecJsonErrorsTest {

    private static final Codec CODEC = new Codec();
    private static final Style JSON_LF = new Style(Style.Format.JSON, LineEnd.LF);

    private static Request decode(String frame) {
        Inbound in = CODEC.decode(frame, LineEnd.LF);
        assertEquals(JSON_LF, in.style(), "style of " + frame);
        return in.request();
    }

    private static ErrorReply error(String frame) {
        return assertInstanceOf(Invalid.class, decode(frame), frame).error();
    }

    private static RawJson raw(String json) {
        return new RawJson(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "null", "{}", "[\"a\"]", "{\"x\":1}"})
    void anIdOfAnotherKindIsABadRequest(String id) {
        ErrorReply expected = new ErrorReply(ErrorCode.BAD_REQUEST, "\"id\" must be a string or a number");
        assertEquals(expected, error("{\"type\":\"ping\",\"id\":" + id + "}"));
        assertEquals(expected, error("{\"id\":" + id + ",\"type\":\"message\",\"body\":1}"));
    }

    @Test
    void nestingUpToTheLimitIsFineOneDeeperIsBadJson() {
        // The request object is level 1, so a body of 63 nested arrays reaches the limit of 64.
        String ok = "[".repeat(63) + "]".repeat(63);
        assertEquals(new Post(raw(ok), null), decode("{\"type\":\"message\",\"body\":" + ok + "}"));
        String deep = "[".repeat(64) + "]".repeat(64);
        ErrorReply e = error("{\"type\":\"message\",\"id\":\"d\",\"body\":" + deep + "}");
        assertEquals(ErrorCode.BAD_JSON, e.code());
        assertEquals(raw("\"d\""), e.id());
        assertTrue(e.message().startsWith("the JSON exceeds a limit: "), e.message());
        // Also inside a field nobody reads, and far beyond.
        assertEquals(
                ErrorCode.BAD_JSON,
                error("{\"x\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) + "}")
                        .code());
        assertEquals(ErrorCode.BAD_JSON, error("{\"x\":" + "[".repeat(100_000)).code());
    }

    @Test
    void numbersUpToTheLimitAreFineOneLongerIsBadJson() {
        String ok = "9".repeat(256);
        assertEquals(new Post(raw(ok), null), decode("{\"type\":\"message\",\"body\":" + ok + "}"));
        String okFraction = "1." + "5".repeat(250) + "e-10";
        assertEquals(new Post(raw(okFraction), null), decode("{\"type\":\"message\",\"body\":" + okFraction + "}"));
        for (String number : new String[] {"9".repeat(257), "1." + "5".repeat(300), "1e" + "1".repeat(300)}) {
            ErrorReply e = error("{\"type\":\"message\",\"body\":" + number + "}");
            assertEquals(ErrorCode.BAD_JSON, e.code(), number);
            assertTrue(e.message().startsWith("the JSON exceeds a limit: "), e.message());
            assertEquals(
                    ErrorCode.BAD_JSON,
                    error("{\"type\":\"ping\",\"id\":" + number + "}").code());
            assertEquals(
                    ErrorCode.BAD_JSON,
                    error("{\"type\":\"ping\",\"other\":[" + number + "]}").code());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{",
                "{hello",
                "{\"type\":\"message\",\"body\":}",
                "{\"type\":'ping'}",
                "{type:\"ping\"}",
                "{\"type\":\"ping\",}",
                "{\"type\":\"message\",\"body\":[1,2}",
                "{\"body\":\"unterminated}",
                "{\"type\":\"message\",\"body\":NaN}",
                "{\"type\":\"message\",\"body\":01}",
                "{} // comment"
            })
    void aFrameThatStartsWithABraceButIsNotJsonIsBadJson(String frame) {
        ErrorReply e = error(frame);
        assertEquals(ErrorCode.BAD_JSON, e.code(), frame);
        assertTrue(e.message().startsWith("not valid JSON: "), e.message());
        assertFalse(e.message().contains("\n"), e.message());
        assertFalse(e.message().contains("Source"), e.message());
        assertFalse(e.message().contains("marker at"), e.message());
        assertTrue(e.message().length() <= "not valid JSON: ".length() + 101, e.message());
    }

    @Test
    void aBadJsonMessageIsJacksonsSentenceWithoutTheLocation() {
        assertEquals(
                new ErrorReply(
                        ErrorCode.BAD_JSON,
                        "not valid JSON: Unexpected end-of-input: expected close marker for Object",
                        raw("1")),
                error("{\"id\":1,\"type\":\"ping\""));
        assertEquals(
                new ErrorReply(
                        ErrorCode.BAD_JSON,
                        "the JSON exceeds a limit: Number value length (257) exceeds the maximum allowed (256)",
                        null),
                error("{\"type\":\"message\",\"body\":" + "9".repeat(257) + "}"));
        assertEquals(
                new ErrorReply(
                        ErrorCode.BAD_JSON,
                        "the JSON exceeds a limit: Document nesting depth (65) exceeds the maximum allowed (64)",
                        null),
                error("{\"type\":\"message\",\"body\":" + "[".repeat(64) + "]".repeat(64) + "}"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"ping\"} x",
                "{\"type\":\"ping\"}{}",
                "{\"type\":\"ping\"} {\"type\":\"quit\"}",
                "{\"type\":\"ping\"}}",
                "{\"type\":\"ping\"} 1",
                "{\"type\":\"ping\"}\"s\""
            })
    void contentAfterTheObjectIsBadJson(String frame) {
        assertEquals(ErrorCode.BAD_JSON, error(frame).code(), frame);
    }

    @Test
    void blanksAfterTheObjectAreFine() {
        assertEquals(new Ping(null), decode("{\"type\":\"ping\"} \t "));
    }

    @Test
    void anUnknownTypeIsUnknownTypeWithTheId() {
        assertEquals(
                new ErrorReply(ErrorCode.UNKNOWN_TYPE, "unknown type \"dance\"", raw("\"d1\"")),
                error("{\"type\":\"dance\",\"id\":\"d1\"}"));
        assertEquals(
                new ErrorReply(ErrorCode.UNKNOWN_TYPE, "unknown type \"Message\"", null),
                error("{\"type\":\"Message\",\"body\":1}"));
        ErrorReply longType = error("{\"type\":\"" + "t".repeat(500) + "\"}");
        assertEquals("unknown type \"" + "t".repeat(100) + "…\"", longType.message());
    }

    @Test
    void aMissingTypeIsABadRequest() {
        ErrorReply expected =
                new ErrorReply(ErrorCode.BAD_REQUEST, "a JSON frame needs a string field \"type\"", raw("7"));
        assertEquals(expected, error("{\"body\":\"hi\",\"id\":7}"));
        assertEquals(
                new ErrorReply(ErrorCode.BAD_REQUEST, "a JSON frame needs a string field \"type\"", null), error("{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "null", "true", "{\"x\":1}", "{\"type\":\"ping\"}", "[\"message\"]", "[]", "{}"})
    void aTypeThatIsNotAStringIsABadRequest(String type) {
        ErrorReply expected =
                new ErrorReply(ErrorCode.BAD_REQUEST, "a JSON frame needs a string field \"type\"", raw("7"));
        assertEquals(expected, error("{\"type\":" + type + ",\"body\":1,\"id\":7}"));
        assertEquals(expected, error("{\"id\":7,\"type\":" + type + "}"));
    }

    @Test
    void aTypeObjectNeverLeaksItsFieldsIntoTheRequest() {
        // Unclosed outer object: the inner "type" must not be read as the request's.
        assertEquals(ErrorCode.BAD_JSON, error("{\"type\":{\"type\":\"ping\"}").code());
        assertEquals(
                ErrorCode.BAD_JSON,
                error("{\"type\":{\"type\":\"message\",\"body\":1}").code());
    }

    @Test
    void aMessageWithoutBodyIsABadRequest() {
        assertEquals(
                new ErrorReply(ErrorCode.BAD_REQUEST, "a message needs a \"body\"", raw("\"m\"")),
                error("{\"type\":\"message\",\"id\":\"m\"}"));
    }
}

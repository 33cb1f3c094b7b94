package dev.eco.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Request;
import org.junit.jupiter.api.Test;

/**
 * A field given twice counts as its last value, whichever field it is. Found by JsonRequestFuzzTest: a bad
 * {@code id} followed by a good one was a bad request, a good one followed by a bad one was too, while every other
 * field (and Jackson's tree model) takes the last value. Regression input:
 * {@code fuzz/JsonRequestFuzzTestInputs/everyFrameIsARequestOrADocumentedError/regression-repeated-id}.
 */
class RepeatedFieldsTest {

    private static final Codec CODEC = new Codec();

    private static Request decode(String frame) {
        return CODEC.decode(frame, LineEnd.LF).request();
    }

    @Test
    void aBadIdFollowedByAGoodOneIsTheGoodOne() {
        assertEquals(new Ping(new RawJson("1")), decode("{\"type\":\"ping\",\"id\":true,\"id\":1}"));
        assertEquals(
                new Post(new RawJson("2"), new RawJson("\"b\"")),
                decode("{\"type\":\"message\",\"id\":[1],\"body\":2,\"id\":\"b\"}"));
    }

    @Test
    void aGoodIdFollowedByABadOneIsABadRequest() {
        assertEquals(
                new Invalid(new ErrorReply(ErrorCode.BAD_REQUEST, "\"id\" must be a string or a number")),
                decode("{\"type\":\"ping\",\"id\":1,\"id\":null}"));
    }

    @Test
    void theLastTypeAndBodyCount() {
        assertEquals(
                new Post(new RawJson("\"second\""), null),
                decode("{\"type\":\"ping\",\"body\":\"first\",\"type\":\"message\",\"body\":\"second\"}"));
    }
}

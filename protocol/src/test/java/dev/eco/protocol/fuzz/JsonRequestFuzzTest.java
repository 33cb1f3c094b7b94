package dev.eco.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eco.protocol.Codec;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Inbound;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.RawJson;
import dev.eco.protocol.Style;
import dev.eco.protocol.fuzz.JsonOracle.Expected;
import dev.eco.protocol.fuzz.JsonOracle.Valid;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The JSON request parser against any frame that starts like JSON.
 *
 * <p>Properties: decoding never throws; every frame becomes the request or the error {@link JsonOracle} (Jackson's
 * tree model reading the rules of docs/protocol.md) says, and an error is one of the codes documented for a frame;
 * a {@code body} or {@code id} comes back as the exact bytes the client sent; every reply, error or echo, is one
 * JSON line.
 */
class JsonRequestFuzzTest {

    private static final Codec CODEC = new Codec();
    private static final Set<ErrorCode> FRAME_ERRORS =
            Set.of(ErrorCode.BAD_JSON, ErrorCode.BAD_REQUEST, ErrorCode.UNKNOWN_TYPE, ErrorCode.BAD_UTF8);

    @FuzzTest
    void everyFrameIsARequestOrADocumentedError(FuzzedDataProvider data) {
        int offset = data.consumeInt(0, 40);
        byte[] frame = Frames.firstLine(data.consumeRemainingAsBytes());
        if (!Frames.startsLikeJson(frame)) {
            return; // a text frame: TextCommandFuzzTest's
        }
        Inbound in = Frames.decodeAt(CODEC, frame, offset, LineEnd.LF);
        assertEquals(new Style(Style.Format.JSON, LineEnd.LF), in.style());

        String text = Frames.strictUtf8(frame);
        Expected expected = text == null ? new JsonOracle.Refused(ErrorCode.BAD_UTF8) : JsonOracle.expect(text);
        switch (expected) {
            case JsonOracle.Refused error -> {
                ErrorReply reply =
                        assertInstanceOf(Invalid.class, in.request(), text).error();
                assertEquals(error.code(), reply.code(), () -> text + " -> " + reply);
                assertErrorReplyIsOneJsonLine(reply);
            }
            case Valid valid -> assertMatches(valid, in.request(), text);
        }
        if (in.request() instanceof Invalid invalid) {
            assertTrue(FRAME_ERRORS.contains(invalid.error().code()), invalid::toString);
        }
    }

    private static void assertMatches(Valid valid, Message.Request request, String frame) {
        switch (request) {
            case Post post -> {
                assertEquals("message", valid.type(), frame);
                assertRaw(valid.body(), post.body(), frame);
                assertRaw(valid.id(), post.id(), frame);
                assertEchoIsByteIdentical(post);
            }
            case Message.Ping ping -> {
                assertEquals("ping", valid.type(), frame);
                assertRaw(valid.id(), ping.id(), frame);
            }
            case Message.Nick nick -> assertEquals(new Valid("nick", null, null, nick.name(), null), valid, frame);
            case Message.Join join -> assertEquals(new Valid("join", null, null, null, join.room()), valid, frame);
            case Message.Quit quit -> assertEquals("quit", valid.type(), frame);
            case Message.Help help -> assertEquals("help", valid.type(), frame);
            case Message.Leave leave -> assertEquals("leave", valid.type(), frame);
            case Message.Who who -> assertEquals("who", valid.type(), frame);
            case Message.ListRooms rooms -> assertEquals("rooms", valid.type(), frame);
            case Message.Text t -> fail("a JSON frame decoded as text: " + frame);
            case Invalid invalid -> fail(frame + " is valid (" + valid.type() + ") but got " + invalid.error());
        }
    }

    /** The raw value is the same JSON value as the oracle's, and its text is a piece of the frame, unchanged. */
    private static void assertRaw(JsonNode expected, RawJson raw, String frame) {
        if (expected == null) {
            assertEquals(null, raw, frame);
            return;
        }
        assertTrue(raw != null && frame.contains(raw.json()), () -> raw + " is not a piece of " + frame);
        assertEquals(expected, JsonOracle.parse(raw.json()), frame);
    }

    private static void assertEchoIsByteIdentical(Post post) {
        byte[] reply = CODEC.encode(Posted.echo(post.body(), post.id(), 1), Style.JSON);
        assertTrue(Frames.isOneLine(reply), () -> "echo is not one line: " + new String(reply, StandardCharsets.UTF_8));
        String line = new String(reply, StandardCharsets.UTF_8);
        String expected = "{\"type\":\"message\",\"body\":" + post.body().json()
                + (post.id() == null ? "" : ",\"id\":" + post.id().json()) + ",\"seq\":1}\n";
        assertEquals(expected, line);
    }

    private static void assertErrorReplyIsOneJsonLine(ErrorReply error) {
        byte[] reply = CODEC.encode(error, Style.JSON);
        String line = new String(reply, StandardCharsets.UTF_8);
        assertTrue(Frames.isOneLine(reply), () -> "error reply is not one line: " + line);
        JsonNode tree = JsonOracle.parse(line);
        assertEquals(error.code().wireName(), tree.get("code").stringValue(), line);
        assertTrue(!error.message().isBlank(), line);
    }
}

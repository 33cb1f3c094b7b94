package dev.eco.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.eco.protocol.Message.Bye;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Help;
import dev.eco.protocol.Message.HelpText;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Pong;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Message.Request;
import dev.eco.protocol.Message.Shutdown;
import dev.eco.protocol.Message.Text;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecJsonTest {

    private static final Codec CODEC = new Codec();
    private static final Style JSON_LF = new Style(Style.Format.JSON, LineEnd.LF);
    private static final Style JSON_CRLF = new Style(Style.Format.JSON, LineEnd.CRLF);

    private static Request decode(String frame) {
        Inbound in = CODEC.decode(frame, LineEnd.LF);
        assertEquals(JSON_LF, in.style(), "style of " + frame);
        return in.request();
    }

    /** Decodes a frame the way the server gets it: inside a larger read buffer, at an offset. */
    private static Request decodeAtOffset(String frame) {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[bytes.length + 20];
        java.util.Arrays.fill(buf, (byte) '}');
        System.arraycopy(bytes, 0, buf, 11, bytes.length);
        return CODEC.decode(buf, 11, bytes.length, LineEnd.LF).request();
    }

    private static String json(Reply reply, Style style) {
        return new String(CODEC.encode(reply, style), StandardCharsets.UTF_8);
    }

    private static ErrorReply error(String frame) {
        return assertInstanceOf(Invalid.class, decode(frame), frame).error();
    }

    private static RawJson raw(String json) {
        return new RawJson(json);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
                "[1, \"two\", {\"three\": 3}, [], {}]",
                "\"plain\"",
                "\"caf\\u00e9 \\ud83d\\ude00 \\\"quoted\\\" \\\\ \\/ \\n\\t\"",
                "\"café 😀 日本\"",
                "\"\"",
                "-1.5e+10",
                "6.02E23",
                "1e-7",
                "0",
                "-0",
                "12345678901234567890123456789",
                "true",
                "false",
                "null",
                "{ }",
                "[ ]",
                "{\n\t\"x\" :\r [ 1 ,\t2 ]  }",
            })
    void everyKindOfBodyComesBackByteIdentical(String body) {
        for (String frame : new String[] {
            "{\"type\":\"message\",\"body\":" + body + ",\"id\":\"m1\"}",
            "{\"body\":" + body + ",\"id\":\"m1\",\"type\":\"message\"}",
            "  {  \"id\" : \"m1\" , \"type\" :\t\"message\" ,\t\"body\" :\t" + body + "\t}  ",
        }) {
            assertEquals(new Post(raw(body), raw("\"m1\"")), decode(frame), frame);
            assertEquals(new Post(raw(body), raw("\"m1\"")), decodeAtOffset(frame), frame);
        }
        Post post = (Post) decode("{\"type\":\"message\",\"body\":" + body + ",\"id\":\"m1\"}");
        assertEquals(
                "{\"type\":\"message\",\"body\":" + body + ",\"id\":\"m1\",\"seq\":5}\n",
                json(Posted.echo(post.body(), post.id(), 5), JSON_LF));
    }

    @Test
    void bodiesSurviveAnySplitIntoReads() {
        String frames = """
                {"type":"message","body":{"a": [1, "\u00e9"]},"id":1}\r
                  {"id":"two", "body" : -2.5E-3 ,"type":"message"}
                {"type":"ping","id":3}\r
                """;
        byte[] input = frames.getBytes(StandardCharsets.UTF_8);
        java.util.List<Inbound> expected = java.util.List.of(
                new Inbound(new Post(raw("{\"a\": [1, \"\u00e9\"]}"), raw("1")), JSON_CRLF),
                new Inbound(new Post(raw("-2.5E-3"), raw("\"two\"")), JSON_LF),
                new Inbound(new Ping(raw("3")), JSON_CRLF));
        for (int chunk = 1; chunk <= input.length; chunk++) {
            assertEquals(expected, Pipeline.decode(CODEC, input, chunk), "reads of " + chunk);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "\"\"", "\"\\u0041\"", "42", "-3.25e2", "0.10", "99999999999999999999"})
    void idsStringOrNumberAreEchoedAsSent(String id) {
        assertEquals(new Ping(raw(id)), decode("{\"type\":\"ping\",\"id\":" + id + "}"));
        assertEquals("{\"type\":\"pong\",\"id\":" + id + "}\n", json(new Pong(raw(id)), JSON_LF));
        assertEquals(new Post(raw("1"), raw(id)), decode("{\"type\":\"message\",\"id\":" + id + ",\"body\":1}"));
        assertEquals(
                new Post(raw("1"), raw(id)), decodeAtOffset("{\"type\":\"message\",\"id\":" + id + ",\"body\":1}"));
    }

    /** Jackson guesses UTF-16/32 from NULs among a byte source's first four bytes; eco's frames are UTF-8. */
    @ParameterizedTest
    @ValueSource(strings = {"{\u0000\u0000\u0000}\u0000\u0000\u0000", "{\u0000\"type\":\"ping\"}", "{\"\u0000\"}"})
    void aNulByteIsBadJsonNotAnotherEncoding(String frame) {
        assertEquals(ErrorCode.BAD_JSON, error(frame).code(), frame);
        Request atOffset = decodeAtOffset(frame);
        assertEquals(
                ErrorCode.BAD_JSON,
                assertInstanceOf(Invalid.class, atOffset).error().code(),
                frame);
    }

    @Test
    void pingQuitHelp() {
        assertEquals(new Ping(null), decode("{\"type\":\"ping\"}"));
        assertEquals("{\"type\":\"pong\"}\n", json(new Pong(null), JSON_LF));
        assertEquals(new Quit(), decode("{\"type\":\"quit\"}"));
        assertEquals(new Quit(), decode("{\"type\":\"quit\",\"id\":3}"));
        assertEquals("{\"type\":\"bye\"}\r\n", json(new Bye(), JSON_CRLF));
        assertEquals(new Help(), decode("{\"type\":\"help\"}"));
        assertEquals("{\"type\":\"help\",\"text\":\"" + HelpText.ECHO.text() + "\"}\n", json(HelpText.ECHO, JSON_LF));
    }

    @Test
    void theStyleKeepsTheFramesEnding() {
        assertEquals(new Inbound(new Quit(), JSON_CRLF), CODEC.decode("\t {\"type\":\"quit\"}", LineEnd.CRLF));
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertEquals(
                new Post(raw("\"hi\""), raw("1")),
                decode("{\"v\":2,\"type\":\"message\",\"extra\":{\"deep\":[1,2,{\"x\":null}],\"body\":\"not this\"},"
                        + "\"body\":\"hi\",\"more\":[{\"id\":5}],\"id\":1,\"z\":\"\\u0000\"}"));
        assertEquals(new Ping(null), decode("{\"type\":\"ping\",\"body\":[1,2,3]}"));
    }

    @Test
    void theIdIsEchoedInAnErrorWhenItWasReadFirst() {
        ErrorReply e = error("{\"id\":\"x1\",\"type\":\"message\",\"body\":[1,}");
        assertEquals(ErrorCode.BAD_JSON, e.code());
        assertEquals(raw("\"x1\""), e.id());
    }

    @Test
    void aNonObjectJsonLineIsText() {
        // Only a frame whose first non-blank character is '{' is JSON.
        assertEquals(
                new Inbound(new Text("[1,2]"), new Style(Style.Format.TEXT, LineEnd.LF)),
                CODEC.decode("[1,2]", LineEnd.LF));
        assertEquals(
                new Inbound(new Text("\"str\""), new Style(Style.Format.TEXT, LineEnd.LF)),
                CODEC.decode("\"str\"", LineEnd.LF));
    }

    @Test
    void everyReplyInJsonStyle() {
        assertEquals(
                "{\"type\":\"message\",\"body\":\"say \\\"hi\\\"\\n é\"}\n", json(new Text("say \"hi\"\n é"), JSON_LF));
        assertEquals(
                "{\"type\":\"message\",\"body\":[1,2],\"seq\":1}\n", json(Posted.echo(raw("[1,2]"), null, 1), JSON_LF));
        assertEquals(
                "{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"ann\",\"body\":\"hi\",\"id\":4,\"seq\":9}\r\n",
                json(new Posted("lobby", "ann", raw("\"hi\""), raw("4"), 9), JSON_CRLF));
        assertEquals("{\"type\":\"pong\",\"id\":\"p\"}\n", json(new Pong(raw("\"p\"")), JSON_LF));
        assertEquals("{\"type\":\"bye\"}\n", json(new Bye(), JSON_LF));
        assertEquals("{\"type\":\"shutdown\",\"message\":\"server shutting down\"}\n", json(new Shutdown(), JSON_LF));
        assertEquals(
                "{\"type\":\"error\",\"code\":\"unknown_type\",\"message\":\"unknown type \\\"x\\\"\",\"id\":\"d\"}\n",
                json(new ErrorReply(ErrorCode.UNKNOWN_TYPE, "unknown type \"x\"", raw("\"d\"")), JSON_LF));
        assertEquals(
                "{\"type\":\"error\",\"code\":\"rate_limited\",\"message\":\"slow down\"}\n",
                json(new ErrorReply(ErrorCode.RATE_LIMITED, "slow down"), JSON_LF));
        assertEquals(
                "{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"ann\",\"body\":\"old\",\"seq\":3,\"history\":true}\n",
                json(new Message.Replayed(new Posted("lobby", "ann", raw("\"old\""), null, 3)), JSON_LF));
        assertEquals(
                "{\"type\":\"error\",\"code\":\"unavailable\",\"message\":\"no broker\"}\n",
                json(new ErrorReply(ErrorCode.UNAVAILABLE, "no broker"), JSON_LF));
    }

    @Test
    void aTooLongJsonFrameIsAnsweredInJson() {
        byte[] head = " \t{\"type\":\"message\",\"body\":\"xxxx".getBytes(StandardCharsets.UTF_8);
        Inbound in = CODEC.tooLong(head, 0, head.length, LineEnd.CRLF);
        assertEquals(JSON_CRLF, in.style());
        assertEquals(
                "{\"type\":\"error\",\"code\":\"frame_too_long\",\"message\":\"a frame longer than 65536 bytes was discarded\"}\r\n",
                json(((Invalid) in.request()).error(), in.style()));
        assertNull(((Invalid) in.request()).error().id());
    }
}

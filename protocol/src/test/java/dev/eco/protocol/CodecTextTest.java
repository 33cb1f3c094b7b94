package dev.eco.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.protocol.Message.Bye;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Help;
import dev.eco.protocol.Message.HelpText;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Pong;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Message.Request;
import dev.eco.protocol.Message.Shutdown;
import dev.eco.protocol.Message.Text;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecTextTest {

    private static final Codec CODEC = new Codec();
    private static final Style TEXT_LF = new Style(Style.Format.TEXT, LineEnd.LF);
    private static final Style TEXT_CRLF = new Style(Style.Format.TEXT, LineEnd.CRLF);

    private static Request decode(String frame) {
        Inbound in = CODEC.decode(frame, LineEnd.LF);
        assertEquals(TEXT_LF, in.style(), "style of " + frame);
        return in.request();
    }

    private static String text(Reply reply, Style style) {
        return new String(CODEC.encode(reply, style), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"quit", "QUIT", "Quit", " quit ", "\tquit\t", "/quit", "/QUIT", "  /Quit"})
    void quitInAnyCaseWithBlanks(String frame) {
        assertEquals(new Quit(), decode(frame));
    }

    @Test
    void commands() {
        assertEquals(new Ping(null), decode("/ping"));
        assertEquals(new Ping(null), decode(" /PING "));
        assertEquals(new Help(), decode("/help"));
        assertEquals(new Help(), decode("/Help\t"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hello",
                "  hello  ",
                "",
                " ",
                "quit now",
                "/quitting",
                "/ping me",
                "q uit",
                "/nosuch",
                "[1,2]",
                "\"{\"",
                "x {\"type\":\"quit\"}",
                "héllo wörld 😀 日本",
                "tab\tinside",
                "a\rb"
            })
    void anythingElseIsEchoedExactly(String frame) {
        assertEquals(new Text(frame), decode(frame));
        assertEquals(frame + "\n", text(new Text(frame), TEXT_LF));
    }

    @Test
    void theStyleKeepsTheFramesEnding() {
        assertEquals(new Inbound(new Text("hi"), TEXT_CRLF), CODEC.decode("hi", LineEnd.CRLF));
        assertEquals("hi\r\n", text(new Text("hi"), TEXT_CRLF));
        assertEquals("bye\r\n", text(new Bye(), TEXT_CRLF));
    }

    @Test
    void aSessionAsNcSendsIt() {
        byte[] input = "hello\r\n/ping\r\nquit\r\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(
                List.of(
                        new Inbound(new Text("hello"), TEXT_CRLF),
                        new Inbound(new Ping(null), TEXT_CRLF),
                        new Inbound(new Quit(), TEXT_CRLF)),
                Pipeline.decode(CODEC, input));
    }

    @Test
    void everyReplyInTextStyle() {
        assertEquals("hello\n", text(new Text("hello"), TEXT_LF));
        assertEquals("pong\n", text(new Pong(null), TEXT_LF));
        assertEquals("pong\n", text(new Pong(new RawJson("7")), TEXT_LF));
        assertEquals("bye\n", text(new Bye(), TEXT_LF));
        assertEquals(HelpText.ECHO.text() + "\n", text(HelpText.ECHO, TEXT_LF));
        assertEquals("server shutting down\n", text(new Shutdown(), TEXT_LF));
        assertEquals(
                "error: bad_json: not valid JSON\n",
                text(new ErrorReply(ErrorCode.BAD_JSON, "not valid JSON", new RawJson("1")), TEXT_LF));
    }

    @Test
    void aPostedBodyInTextStyle() {
        // A string body is shown as its text, on one line; any other body as its JSON.
        assertEquals("hi\n", text(Posted.echo(new RawJson("\"hi\""), null, 1), TEXT_LF));
        assertEquals(
                "café 😀 a b\n",
                text(Posted.echo(new RawJson("\"caf\\u00e9 \\ud83d\\ude00 a\\nb\""), new RawJson("1"), 2), TEXT_LF));
        assertEquals("{\"a\": [1, 2]}\n", text(Posted.echo(new RawJson("{\"a\": [1, 2]}"), null, 3), TEXT_LF));
        assertEquals("-1.5e10\n", text(Posted.echo(new RawJson("-1.5e10"), null, 4), TEXT_LF));
        assertEquals("null\n", text(Posted.echo(new RawJson("null"), null, 5), TEXT_LF));
        assertEquals(
                "[lobby] <ann> hi there\r\n",
                text(new Posted("lobby", "ann", new RawJson("\"hi there\""), null, 9), TEXT_CRLF));
        assertEquals(
                "[lobby] (history) <ann> said before\n",
                text(
                        new Message.Replayed(new Posted("lobby", "ann", new RawJson("\"said before\""), null, 2)),
                        TEXT_LF));
    }

    @Test
    void everyErrorCodeInTextStyle() {
        String[] wire = {
            "bad_json",
            "bad_request",
            "unknown_type",
            "frame_too_long",
            "bad_utf8",
            "server_full",
            "idle_timeout",
            "frame_timeout",
            "unsupported",
            "slow_consumer",
            "rate_limited",
            "nick_taken",
            "bad_name",
            "not_in_room",
            "room_full",
            "too_many_rooms",
            "unavailable"
        };
        ErrorCode[] codes = ErrorCode.values();
        assertEquals(wire.length, codes.length);
        for (int i = 0; i < codes.length; i++) {
            assertEquals(wire[i], codes[i].wireName());
            assertEquals(
                    "error: " + wire[i] + ": it happened\r\n",
                    text(new ErrorReply(codes[i], "it happened"), TEXT_CRLF));
        }
    }

    @Test
    void aTooLongTextFrameIsAnsweredInText() {
        byte[] head = "  hello".getBytes(StandardCharsets.UTF_8);
        Inbound in = CODEC.tooLong(head, 0, head.length, LineEnd.CRLF);
        assertEquals(TEXT_CRLF, in.style());
        assertEquals(
                "error: frame_too_long: a frame longer than 65536 bytes was discarded\r\n",
                text(((Invalid) in.request()).error(), in.style()));
    }

    @Test
    void encodeAppendsToTheStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CODEC.encode(new Text("a"), TEXT_LF, out);
        CODEC.encode(new Bye(), TEXT_CRLF, out);
        assertArrayEquals("a\nbye\r\n".getBytes(StandardCharsets.UTF_8), out.toByteArray());
    }

    @Test
    void requestsAsATextClientSendsThem() {
        assertEquals("hello\n", new String(CODEC.encode((Request) new Text("hello"), TEXT_LF), StandardCharsets.UTF_8));
        assertEquals("/ping\r\n", new String(CODEC.encode(new Ping(null), TEXT_CRLF), StandardCharsets.UTF_8));
        assertEquals("quit\n", new String(CODEC.encode(new Quit(), TEXT_LF), StandardCharsets.UTF_8));
        assertEquals("/help\n", new String(CODEC.encode(new Help(), TEXT_LF), StandardCharsets.UTF_8));
    }
}

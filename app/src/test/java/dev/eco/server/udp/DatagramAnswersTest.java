package dev.eco.server.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.protocol.Codec;
import dev.eco.protocol.Limits;
import dev.eco.server.ServerMetrics;
import dev.eco.server.session.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The UDP answers without a socket: the dispatcher's rules, each datagram one frame, no reply outgrowing it. */
class DatagramAnswersTest {

    private final Codec codec = new Codec(Limits.DEFAULT.withMaxFrameBytes(100));
    private final DatagramAnswers answers = new DatagramAnswers(codec, new Dispatcher(codec, 0), ServerMetrics.NONE);

    private String answer(String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        return switch (answers.answer(bytes, bytes.length)) {
            case ECHO -> "echo";
            case REPLY -> new String(answers.reply(), StandardCharsets.UTF_8);
            case TOO_LARGE -> "too large";
        };
    }

    @Test
    void textIsEchoedAndQuitAnsweredEndedAsTheDatagramEnded() {
        assertEquals("echo", answer("hello"));
        assertEquals("echo", answer("  /ping\r\n"));
        assertEquals("echo", answer("/help"));
        assertEquals("bye", answer("quit"));
        assertEquals("bye\n", answer("quit\n"));
        assertEquals("bye\r\n", answer("/quit\r\n"));
    }

    @Test
    void jsonGetsItsRepliesAndAMessageEchoCarriesNoSeq() {
        assertEquals("{\"type\":\"message\",\"body\":1}\n", answer("{\"type\":\"message\",\"body\":1}\n"));
        assertEquals(
                "{\"type\":\"message\",\"body\":[2, 3],\"id\":\"m\"}",
                answer("{ \"id\" : \"m\", \"type\":\"message\",\"body\":[2, 3]}"));
        assertEquals("{\"type\":\"pong\",\"id\":7}\r\n", answer("{\"type\":\"ping\",\"id\":7}\r\n"));
        assertEquals("{\"type\":\"bye\"}", answer("{\"type\":\"quit\"}"));
    }

    @Test
    void anErrorLongerThanItsDatagramKeepsItsCodeOrIsDropped() {
        String tooLong = "x".repeat(101);
        assertEquals("error: frame_too_long: a frame longer than 100 bytes was discarded\n", answer(tooLong + "\n"));
        assertEquals("error: bad_request", answer("/nick" + " ".repeat(16)), "the usage sentence would outgrow it");
        assertEquals("too large", answer("/nick"));
        assertEquals("too large", answer("{"), "55 bytes for 1 was a 55x reflector");
        assertEquals(
                "{\"type\":\"error\",\"code\":\"unknown_type\",\"id\":12345}",
                answer("{\"type\":\"nope\",\"id\":12345}" + " ".repeat(30)));
        assertEquals(
                "{\"type\":\"error\",\"code\":\"unsupported\"}",
                answer("{\"type\":\"join\",\"room\":\"lobby\",\"id\":12345}"));
        assertEquals("too large", answer("{\"type\":\"help\"}"));
        assertEquals(
                "{\"type\":\"error\",\"code\":\"unsupported\",\"message\":\"UDP serves echo, not chat\"}\n",
                answer("{\"type\":\"join\",\"room\":\"a-room-with-a-name-long-enough\"}" + " ".repeat(30) + "\n"));
    }

    /** Every kind of request, in each style and ending, short and padded: never more bytes out than in. */
    @Test
    void noReplyOfAnyRequestTypeHasMoreBytesThanItsDatagram() {
        List<String> requests = List.of(
                "hello",
                "",
                "quit",
                "/quit",
                "QUIT",
                "/ping",
                "/help",
                "/nick",
                "/nick bob",
                "/join",
                "/join r",
                "/leave",
                "/who",
                "/rooms",
                "/nick " + "n".repeat(40),
                "x".repeat(101),
                "{",
                "{}",
                "[]",
                "{\"type\":1}",
                "{\"type\":\"x\"}",
                "{\"type\":\"x\",\"id\":1}",
                "{\"a\":tru}",
                "{\"type\":\"message\"}",
                "{\"type\":\"message\",\"body\":0}",
                "{\"type\":\"message\",\"body\":0,\"id\":1}",
                "{\"type\":\"ping\"}",
                "{\"type\":\"ping\",\"id\":[1]}",
                "{\"type\":\"quit\"}",
                "{\"type\":\"help\"}",
                "{\"type\":\"nick\",\"name\":\"a\"}",
                "{\"type\":\"join\",\"room\":\"r\",\"id\":1}",
                "{\"type\":\"leave\"}",
                "{\"type\":\"who\"}",
                "{\"type\":\"rooms\"}",
                "{\"type\":\"message\",\"body\":\"" + "y".repeat(120) + "\"}",
                "{" + "[".repeat(70) + "]".repeat(70) + "}",
                "{\"type\":\"message\",\"body\":" + "9".repeat(90) + "}");
        for (String request : requests) {
            for (String pad : List.of("", "        ")) {
                for (String end : List.of("", "\n", "\r\n")) {
                    byte[] in = (request + pad + end).getBytes(StandardCharsets.UTF_8);
                    switch (answers.answer(in, in.length)) {
                        case ECHO -> {}
                        case REPLY ->
                            assertTrue(
                                    answers.reply().length <= in.length,
                                    () -> "'" + new String(in, StandardCharsets.UTF_8) + "' got "
                                            + new String(answers.reply(), StandardCharsets.UTF_8));
                        case TOO_LARGE -> {}
                    }
                }
            }
        }
        byte[] badUtf8Json = {'{', (byte) 0xFF, '}'};
        assertEquals(DatagramAnswers.Answer.TOO_LARGE, answers.answer(badUtf8Json, 3));
        byte[] badUtf8Text = {'a', (byte) 0xFF, 'b'};
        assertEquals(DatagramAnswers.Answer.ECHO, answers.answer(badUtf8Text, 3));
    }
}

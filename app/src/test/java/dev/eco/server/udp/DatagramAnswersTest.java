package dev.eco.server.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.protocol.Codec;
import dev.eco.protocol.Limits;
import dev.eco.server.ServerMetrics;
import dev.eco.server.session.Dispatcher;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The UDP answers without a socket: the dispatcher's rules, each datagram one frame. */
class DatagramAnswersTest {

    private static final InetSocketAddress SOURCE = new InetSocketAddress("127.0.0.1", 40_000);
    private final Codec codec = new Codec(Limits.DEFAULT.withMaxFrameBytes(100));
    private final DatagramAnswers answers = new DatagramAnswers(codec, new Dispatcher(codec, 0), ServerMetrics.NONE);

    private String answer(String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        return switch (answers.answer(bytes, bytes.length, SOURCE)) {
            case ECHO -> "echo";
            case REPLY -> new String(answers.reply(), StandardCharsets.UTF_8);
            case TOO_LARGE -> "too large";
        };
    }

    @Test
    void textIsEchoedAndQuitAnsweredEndedAsTheDatagramEnded() {
        assertEquals("echo", answer("hello"));
        assertEquals("echo", answer("  /ping\r\n"));
        assertEquals("bye", answer("quit"));
        assertEquals("bye\n", answer("quit\n"));
        assertEquals("bye\r\n", answer("quit\r\n"));
    }

    @Test
    void jsonGetsItsRepliesWithTheSendersOwnSeq() {
        assertEquals("{\"type\":\"message\",\"body\":1,\"seq\":1}\n", answer("{\"type\":\"message\",\"body\":1}\n"));
        assertEquals("{\"type\":\"message\",\"body\":2,\"seq\":2}", answer("{\"type\":\"message\",\"body\":2}"));
        assertEquals("{\"type\":\"error\",\"code\":\"unsupported\",\"message\":\"UDP serves echo, not chat\"}\n",
                answer("{\"type\":\"join\",\"room\":\"r\"}\n"));
    }

    @Test
    void anErrorLongerThanTheDatagramAllowsIsCutToItsCodeOrDropped() {
        String tooLong = "x".repeat(101);
        assertEquals("error: frame_too_long: a frame longer than 100 bytes was discarded\n", answer(tooLong + "\n"));
        assertEquals("error: bad_request: usage: /nick NAME", answer("/nick"));
        assertEquals("{\"type\":\"error\",\"code\":\"bad_json\",\"message\":\"bad json\"}", answer("{"));
    }
}

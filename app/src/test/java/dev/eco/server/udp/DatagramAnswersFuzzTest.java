package dev.eco.server.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eco.protocol.Codec;
import dev.eco.protocol.Limits;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Request;
import dev.eco.server.ServerMetrics;
import dev.eco.server.session.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The UDP answer to any datagram, against docs/protocol.md's UDP section.
 *
 * <p>Properties: nothing throws; a reply never has more bytes than its datagram (or there is none, and the drop
 * is counted); a JSON datagram is never echoed; a reply is one line ended as the datagram ended; a text reply is
 * {@code bye} or an error; a JSON reply to a message decodes back to the same body and id, byte for byte, a pong
 * carries the ping's id; only an error is ever dropped for its size (an echo, pong or bye always fits).
 */
class DatagramAnswersFuzzTest {

    /** Frame limits from 1 byte up, so that short inputs cross them; one codec each, made once. */
    private static final Codec[] CODECS = new Codec[130];

    private static final Codec PLAIN = new Codec(Limits.DEFAULT.withMaxFrameBytes(70_000));

    private final Counter counter = new Counter();

    @FuzzTest
    void everyReplyFitsInItsDatagramOrIsACountedDrop(FuzzedDataProvider data) {
        int limit = data.consumeInt(1, CODECS.length);
        byte[] datagram = data.consumeRemainingAsBytes();
        Codec codec = codec(limit);
        DatagramAnswers answers = new DatagramAnswers(codec, new Dispatcher(codec, 0), counter);
        // The datagram sits at the start of a larger buffer, as in the listener; the rest must not be read.
        byte[] buf = Arrays.copyOf(datagram, datagram.length + 16);
        Arrays.fill(buf, datagram.length, buf.length, (byte) '}');
        counter.drops = 0;

        DatagramAnswers.Answer answer = answers.answer(buf, datagram.length);

        LineEnd end = LineEnd.ending(datagram, 0, datagram.length);
        int frameLen = end == null ? datagram.length : datagram.length - end.length();
        byte[] frame = Arrays.copyOf(datagram, frameLen);
        boolean json = startsLikeJson(frame);
        Request request = frameLen > limit
                ? null
                : PLAIN.decode(frame, 0, frameLen, LineEnd.LF).request();
        switch (answer) {
            case ECHO -> {
                assertFalse(json, "a JSON datagram was echoed");
                assertTrue(frameLen <= limit, "a datagram over the frame limit was echoed");
                assertFalse(request instanceof Quit, "quit was echoed");
            }
            case REPLY -> {
                byte[] reply = answers.reply();
                assertTrue(
                        reply.length <= datagram.length,
                        () -> reply.length + " bytes for a datagram of " + datagram.length + ": " + text(reply));
                assertOneLineEndedAs(reply, end);
                String line = text(Arrays.copyOf(reply, reply.length - (end == null ? 0 : end.length())));
                if (!json && frameLen <= limit) {
                    assertTrue(line.equals("bye") || line.startsWith("error: "), line);
                } else if (json && frameLen <= limit) {
                    checkJsonReply(line, request);
                }
            }
            case TOO_LARGE -> {
                assertEquals(1, counter.drops, "a reply dropped for its size must be counted once");
                assertTrue(
                        frameLen <= limit || datagram.length < 64,
                        "frame_too_long in its short form fits in any datagram of 64 bytes");
                assertFalse(
                        request instanceof Post || request instanceof Ping || request instanceof Quit,
                        "only an error may be too large, not the answer to " + request);
            }
        }
        if (answer != DatagramAnswers.Answer.TOO_LARGE) {
            assertEquals(0, counter.drops, "a drop was counted for a datagram that was answered");
        }
    }

    private static void checkJsonReply(String line, Request request) {
        Request decoded = PLAIN.decode(
                        line.getBytes(StandardCharsets.UTF_8),
                        0,
                        line.getBytes(StandardCharsets.UTF_8).length,
                        LineEnd.LF)
                .request();
        switch (request) {
            case Post post -> assertEquals(post, decoded, "a message's echo must give back its body and id: " + line);
            case Ping ping ->
                assertEquals(
                        ping.id() == null
                                ? "{\"type\":\"pong\"}"
                                : "{\"type\":\"pong\",\"id\":" + ping.id().json() + "}",
                        line);
            case Quit quit -> assertEquals("{\"type\":\"bye\"}", line);
            default -> {
                // An error: unknown_type (the reply's own type "error" is no request), or a decoding error.
                assertInstanceOf(Invalid.class, decoded, line);
                assertTrue(line.startsWith("{\"type\":\"error\",\"code\":\""), line);
            }
        }
    }

    private static void assertOneLineEndedAs(byte[] reply, LineEnd end) {
        int body = reply.length - (end == null ? 0 : end.length());
        for (int i = 0; i < body; i++) {
            if (reply[i] == '\n' || reply[i] == '\r') {
                fail("a reply with a line break inside: " + text(reply));
            }
        }
        if (end != null) {
            assertEquals(end.text(), new String(reply, body, end.length(), StandardCharsets.US_ASCII), "ending");
        }
    }

    private static boolean startsLikeJson(byte[] frame) {
        for (byte b : frame) {
            if (b != ' ' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }

    private static Codec codec(int limit) {
        Codec codec = CODECS[limit - 1];
        if (codec == null) {
            codec = new Codec(Limits.DEFAULT.withMaxFrameBytes(limit));
            CODECS[limit - 1] = codec;
        }
        return codec;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Counts the drops the answers report. */
    private static final class Counter implements ServerMetrics {
        int drops;

        @Override
        public void udpDropped(UdpDrop reason, int bytesIn) {
            assertEquals(UdpDrop.REPLY_TOO_LARGE, reason);
            drops++;
        }
    }
}

package dev.eco.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Gap;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.Message.Joined;
import dev.eco.protocol.Message.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /join ROOM since SEQ} and {@code "since":SEQ}, and what a resumed join is answered with. */
class ResumeJoinTest {

    private static final Codec CODEC = new Codec();
    private static final Invalid TEXT_USAGE =
            new Invalid(new ErrorReply(ErrorCode.BAD_REQUEST, "usage: /join ROOM [since SEQ]"));

    private static Request decode(String frame) {
        return CODEC.decode(frame, LineEnd.LF).request();
    }

    private static String encode(Message.Reply reply, Style style) {
        String line = new String(CODEC.encode(reply, style), StandardCharsets.UTF_8);
        return line.substring(0, line.length() - 1);
    }

    @Test
    void textJoinWithSince() {
        assertEquals(Join.since("lobby", 42), decode("/join lobby since 42"));
        assertEquals(Join.since("lobby", 0), decode(" /JOIN lobby SINCE 0 "));
        assertEquals(Join.since("lobby", Long.MAX_VALUE), decode("/join lobby since " + Long.MAX_VALUE));
        assertEquals(new Join("lobby"), decode("/join lobby"));
        assertEquals(new Join("since"), decode("/join since"), "a room may be called since");
        assertEquals(new Join("a b"), decode("/join a b"), "not a resume: the room name is refused as before");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/join lobby since",
                "/join lobby since -1",
                "/join lobby since 1.5",
                "/join lobby since x",
                "/join lobby since 9223372036854775808",
                "/join lobby since 1 2"
            })
    void aResumeWithoutASequenceNumberIsAUsageError(String frame) {
        assertEquals(TEXT_USAGE, decode(frame));
    }

    @Test
    void jsonJoinWithSince() {
        assertEquals(Join.since("lobby", 42), decode("{\"type\":\"join\",\"room\":\"lobby\",\"since\":42}"));
        assertEquals(new Join("lobby"), decode("{\"type\":\"join\",\"room\":\"lobby\"}"));
        assertEquals(
                new Message.Post(new RawJson("1"), null),
                decode("{\"type\":\"message\",\"body\":1,\"since\":\"x\"}"),
                "since means nothing to other requests");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "\"3\"", "null", "[1]", "99999999999999999999"})
    void jsonSinceMustBeAWholeNumberFromZero(String since) {
        assertEquals(
                new Invalid(new ErrorReply(
                        ErrorCode.BAD_REQUEST,
                        "\"since\" must be a sequence number: a whole number from 0",
                        new RawJson("7"))),
                decode("{\"type\":\"join\",\"room\":\"lobby\",\"since\":" + since + ",\"id\":7}"));
    }

    @Test
    void aClientEncodesAResumeAsTheServerReadsIt() {
        for (Style style : List.of(Style.TEXT, Style.JSON)) {
            byte[] wire = CODEC.encode(Join.since("lobby", 7), style);
            assertEquals(
                    List.of(new Inbound(Join.since("lobby", 7), style)),
                    Pipeline.decode(CODEC, wire),
                    style.toString());
        }
    }

    @Test
    void theJoinAnswerCarriesItsSeqInJsonOnly() {
        Joined joined = new Joined("lobby", List.of("ann", "bo"), 17);
        assertEquals("joined lobby, members: ann, bo", encode(joined, Style.TEXT));
        assertEquals(
                "{\"type\":\"join\",\"room\":\"lobby\",\"members\":[\"ann\",\"bo\"],\"seq\":17}",
                encode(joined, Style.JSON));
        assertEquals(
                "{\"type\":\"join\",\"room\":\"lobby\",\"members\":[\"ann\"]}",
                encode(new Joined("lobby", List.of("ann")), Style.JSON));
    }

    @Test
    void aGapSaysHowManyOrThatItIsNotKnown() {
        Gap counted = new Gap("lobby", 40, OptionalLong.of(5));
        Gap unknown = new Gap("lobby", 40, OptionalLong.empty());
        assertEquals("* 5 messages of lobby after seq 40 could not be replayed", encode(counted, Style.TEXT));
        assertEquals("* some messages of lobby after seq 40 could not be replayed", encode(unknown, Style.TEXT));
        assertEquals(
                "* 1 message of lobby after seq 40 could not be replayed",
                encode(new Gap("lobby", 40, OptionalLong.of(1)), Style.TEXT));
        assertEquals("{\"type\":\"gap\",\"room\":\"lobby\",\"since\":40,\"missed\":5}", encode(counted, Style.JSON));
        assertEquals("{\"type\":\"gap\",\"room\":\"lobby\",\"since\":40}", encode(unknown, Style.JSON));
    }
}

package dev.eco.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.eco.protocol.Message.Bye;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Gap;
import dev.eco.protocol.Message.HelpText;
import dev.eco.protocol.Message.Joined;
import dev.eco.protocol.Message.Left;
import dev.eco.protocol.Message.Members;
import dev.eco.protocol.Message.NickChanged;
import dev.eco.protocol.Message.Pong;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.Message.Presence;
import dev.eco.protocol.Message.Replayed;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Message.RoomCount;
import dev.eco.protocol.Message.RoomList;
import dev.eco.protocol.Message.Shutdown;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A client reads every JSON reply back as the reply the server wrote, and shows it as the text style would. */
class ReplyDecodeTest {

    private static final Codec CODEC = new Codec();

    private static String line(Reply reply, Style style) {
        String line = new String(CODEC.encode(reply, style), StandardCharsets.UTF_8);
        return line.substring(0, line.length() - 1);
    }

    @Test
    void everyReplyReadsBackAsItWasWrittenAndShowsAsItsText() {
        List<Reply> replies = List.of(
                new Posted("lobby", "ann", new RawJson("\"hi there\""), null, 12),
                new Posted("lobby", "ann", new RawJson("{\"n\": [1, 2]}"), new RawJson("\"x-1\""), 13),
                Posted.echo(new RawJson("\"plain echo\""), new RawJson("4"), 3),
                new Replayed(new Posted("lobby", "bo", new RawJson("\"old\""), null, 2)),
                new Pong(new RawJson("\"p\"")),
                new Pong(null),
                new Bye(),
                HelpText.ECHO,
                new ErrorReply(ErrorCode.RATE_LIMITED, "too fast", new RawJson("9")),
                new ErrorReply(ErrorCode.UNAVAILABLE, "NATS is away"),
                new Shutdown(),
                new NickChanged("ann"),
                new Joined("lobby", List.of("ann", "bo"), 7),
                new Joined("lobby", List.of("ann")),
                new Left("lobby"),
                new Members("lobby", List.of("ann", "bo")),
                new RoomList(List.of(new RoomCount("a", 2), new RoomCount("b", 1))),
                new RoomList(List.of()),
                new Presence("lobby", "bo", Presence.Event.JOIN, null),
                new Presence("lobby", "bob", Presence.Event.NICK, "bo"),
                new Gap("lobby", 40, OptionalLong.of(5)),
                new Gap("lobby", 40, OptionalLong.empty()));
        for (Reply reply : replies) {
            Reply read = CODEC.decodeReply(line(reply, Style.JSON));
            assertEquals(reply, read, line(reply, Style.JSON));
            assertEquals(line(reply, Style.TEXT), line(read, Style.TEXT));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hello",
                "joined lobby, members: ann",
                "{\"type\":\"join\",\"room\":\"lobby\"}",
                "{\"type\":\"leave\"}",
                "{\"type\":\"quit\"}",
                "{\"type\":\"error\",\"code\":\"teapot\",\"message\":\"?\"}",
                "{\"type\":\"message\",\"room\":\"lobby\",\"body\":\"no sender\"}",
                "{\"type\":\"who\",\"room\":\"lobby\",\"members\":\"ann\"}",
                "{\"type\":\"message\",\"body\":\"x\"} trailing",
                "{\"type\":",
                "[1,2]"
            })
    void whatIsNotAnEcoReplyIsShownAsItCame(String line) {
        assertNull(CODEC.decodeReply(line));
    }

    @Test
    void aRequestEchoedBackByAPlainEchoServerShowsAsItsBody() {
        assertEquals(
                Posted.echo(new RawJson("\"hello\""), null, 0),
                CODEC.decodeReply("{\"type\":\"message\",\"body\":\"hello\"}"));
    }
}

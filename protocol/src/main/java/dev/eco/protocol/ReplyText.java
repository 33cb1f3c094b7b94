package dev.eco.protocol;

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
import dev.eco.protocol.Message.Text;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/** The text-style rendering of each reply: one line, for people reading nc or telnet. */
final class ReplyText {

    private ReplyText() {}

    static String of(Reply reply, JsonMapper mapper) {
        return switch (reply) {
            case Text text -> text.text();
            case Posted posted ->
                posted.room() == null
                        ? bodyText(posted.body(), mapper)
                        : "[" + posted.room() + "] <" + posted.from() + "> " + bodyText(posted.body(), mapper);
            case Replayed replayed ->
                "[" + replayed.message().room() + "] (history) <"
                        + replayed.message().from() + "> "
                        + bodyText(replayed.message().body(), mapper);
            case Pong pong -> "pong";
            case Bye bye -> "bye";
            case HelpText help -> help.text();
            case ErrorReply error -> "error: " + error.code().wireName() + ": " + error.message();
            case Shutdown shutdown -> "server shutting down";
            case NickChanged nick -> "nick " + nick.name();
            case Joined joined -> "joined " + joined.room() + ", members: " + String.join(", ", joined.members());
            case Left left -> "left " + left.room();
            case Gap gap ->
                gap.missed().isPresent()
                        ? "* " + gap.missed().getAsLong() + (gap.missed().getAsLong() == 1 ? " message" : " messages")
                                + " of " + gap.room() + " after seq " + gap.since()
                                + " could not be replayed"
                        : "* some messages of " + gap.room() + " after seq " + gap.since() + " could not be replayed";
            case Members members -> "members of " + members.room() + ": " + String.join(", ", members.members());
            case RoomList list ->
                list.rooms().isEmpty()
                        ? "rooms: none"
                        : list.rooms().stream()
                                .map(ReplyText::roomCount)
                                .collect(Collectors.joining(", ", "rooms: ", ""));
            case Presence presence ->
                switch (presence.event()) {
                    case JOIN -> "* " + presence.nick() + " joined " + presence.room();
                    case LEAVE -> "* " + presence.nick() + " left " + presence.room();
                    case NICK -> "* " + presence.previous() + " is now known as " + presence.nick();
                };
        };
    }

    private static String roomCount(RoomCount room) {
        return room.room() + " (" + room.members() + ")";
    }

    /** A JSON string body as its text, kept on one line; any other body as its JSON. */
    private static String bodyText(RawJson body, JsonMapper mapper) {
        if (!body.isString()) {
            return body.json();
        }
        return mapper.readValue(body.json(), String.class).replace('\n', ' ').replace('\r', ' ');
    }
}

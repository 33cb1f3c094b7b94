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
import java.util.List;
import tools.jackson.core.JsonGenerator;

/** The JSON-style rendering of each reply: one object per line, for programs. */
final class ReplyJson {

    private ReplyJson() {}

    private static void writePosted(Posted posted, JsonGenerator json) {
        json.writeStringProperty("type", "message");
        if (posted.room() != null) {
            json.writeStringProperty("room", posted.room());
            json.writeStringProperty("from", posted.from());
        }
        Codec.writeRaw(json, "body", posted.body());
        Codec.writeRaw(json, "id", posted.id());
        json.writeNumberProperty("seq", posted.seq());
    }

    static void write(Reply reply, JsonGenerator json) {
        json.writeStartObject();
        switch (reply) {
            case Text text -> {
                json.writeStringProperty("type", "message");
                json.writeStringProperty("body", text.text());
            }
            case Posted posted -> writePosted(posted, json);
            case Replayed replayed -> {
                writePosted(replayed.message(), json);
                json.writeBooleanProperty("history", true);
            }
            case Pong pong -> {
                json.writeStringProperty("type", "pong");
                Codec.writeRaw(json, "id", pong.id());
            }
            case Bye bye -> json.writeStringProperty("type", "bye");
            case HelpText help -> {
                json.writeStringProperty("type", "help");
                json.writeStringProperty("text", help.text());
            }
            case ErrorReply error -> {
                json.writeStringProperty("type", "error");
                json.writeStringProperty("code", error.code().wireName());
                json.writeStringProperty("message", error.message());
                Codec.writeRaw(json, "id", error.id());
            }
            case Shutdown shutdown -> {
                json.writeStringProperty("type", "shutdown");
                json.writeStringProperty("message", "server shutting down");
            }
            case NickChanged nick -> {
                json.writeStringProperty("type", "nick");
                json.writeStringProperty("name", nick.name());
            }
            case Joined joined -> {
                json.writeStringProperty("type", "join");
                json.writeStringProperty("room", joined.room());
                writeNames(json, "members", joined.members());
                if (joined.seq().isPresent()) {
                    json.writeNumberProperty("seq", joined.seq().getAsLong());
                }
            }
            case Gap gap -> {
                json.writeStringProperty("type", "gap");
                json.writeStringProperty("room", gap.room());
                json.writeNumberProperty("since", gap.since());
                if (gap.missed().isPresent()) {
                    json.writeNumberProperty("missed", gap.missed().getAsLong());
                }
            }
            case Left left -> {
                json.writeStringProperty("type", "leave");
                json.writeStringProperty("room", left.room());
            }
            case Members members -> {
                json.writeStringProperty("type", "who");
                json.writeStringProperty("room", members.room());
                writeNames(json, "members", members.members());
            }
            case RoomList list -> {
                json.writeStringProperty("type", "rooms");
                json.writeName("rooms");
                json.writeStartArray();
                for (RoomCount room : list.rooms()) {
                    json.writeStartObject();
                    json.writeStringProperty("room", room.room());
                    json.writeNumberProperty("members", room.members());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            case Presence presence -> {
                json.writeStringProperty("type", "presence");
                json.writeStringProperty("room", presence.room());
                json.writeStringProperty("nick", presence.nick());
                json.writeStringProperty("event", presence.event().wireName());
                if (presence.previous() != null) {
                    json.writeStringProperty("previous", presence.previous());
                }
            }
        }
        json.writeEndObject();
    }

    private static void writeNames(JsonGenerator json, String field, List<String> names) {
        json.writeName(field);
        json.writeStartArray();
        for (String name : names) {
            json.writeString(name);
        }
        json.writeEndArray();
    }
}

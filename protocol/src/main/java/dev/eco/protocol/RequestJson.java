package dev.eco.protocol;

import dev.eco.protocol.Message.Help;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.Message.Leave;
import dev.eco.protocol.Message.ListRooms;
import dev.eco.protocol.Message.Nick;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Request;
import dev.eco.protocol.Message.Text;
import dev.eco.protocol.Message.Who;
import tools.jackson.core.JsonGenerator;

/** A request as a program sends it: one JSON object. */
final class RequestJson {

    private RequestJson() {}

    static void write(Request request, JsonGenerator json) {
        json.writeStartObject();
        switch (request) {
            case Text text -> {
                json.writeStringProperty("type", "message");
                json.writeStringProperty("body", text.text());
            }
            case Post post -> {
                json.writeStringProperty("type", "message");
                Codec.writeRaw(json, "body", post.body());
                Codec.writeRaw(json, "id", post.id());
            }
            case Ping ping -> {
                json.writeStringProperty("type", "ping");
                Codec.writeRaw(json, "id", ping.id());
            }
            case Quit quit -> json.writeStringProperty("type", "quit");
            case Help help -> json.writeStringProperty("type", "help");
            case Nick nick -> {
                json.writeStringProperty("type", "nick");
                json.writeStringProperty("name", nick.name());
            }
            case Join join -> {
                json.writeStringProperty("type", "join");
                json.writeStringProperty("room", join.room());
                if (join.since().isPresent()) {
                    json.writeNumberProperty("since", join.since().getAsLong());
                }
            }
            case Leave leave -> json.writeStringProperty("type", "leave");
            case Who who -> json.writeStringProperty("type", "who");
            case ListRooms rooms -> json.writeStringProperty("type", "rooms");
            case Invalid invalid -> throw new IllegalArgumentException("an invalid frame cannot be encoded");
        }
        json.writeEndObject();
    }
}

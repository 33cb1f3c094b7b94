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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON reply line back into the reply the server wrote, for a client that shows replies in another style
 * than it asked for them. {@code body} and {@code id} are kept as the exact text the line holds, so a body shows
 * as its sender wrote it. A line that is not a reply eco writes (another server's, a request echoed back) is
 * null: the client shows it as it came.
 */
final class JsonReplies {

    private final JsonMapper mapper;

    JsonReplies(JsonMapper mapper) {
        this.mapper = mapper;
    }

    Reply parse(byte[] buf) {
        Fields f = new Fields();
        try (JsonParser parser = mapper.createParser(buf)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!f.read(field, value, parser, buf)) {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
        } catch (JacksonException | IllegalArgumentException e) {
            return null; // not JSON, or a field of the wrong kind: not one of eco's replies
        }
        return f.type == null ? null : f.reply();
    }

    private static final class Fields {
        String type;
        String room;
        String from;
        String text;
        String code;
        String message;
        String name;
        String nick;
        String event;
        String previous;
        RawJson body;
        RawJson id;
        OptionalLong seq = OptionalLong.empty();
        OptionalLong since = OptionalLong.empty();
        OptionalLong missed = OptionalLong.empty();
        boolean history;
        List<String> members;
        List<RoomCount> rooms;

        /** Reads the value of {@code field}; false when it is not a field a reply has (the caller skips it). */
        boolean read(String field, JsonToken value, JsonParser parser, byte[] buf) {
            switch (field) {
                case "type" -> type = string(parser, value);
                case "room" -> room = string(parser, value);
                case "from" -> from = string(parser, value);
                case "text" -> text = string(parser, value);
                case "code" -> code = string(parser, value);
                case "message" -> message = string(parser, value);
                case "name" -> name = string(parser, value);
                case "nick" -> nick = string(parser, value);
                case "event" -> event = string(parser, value);
                case "previous" -> previous = string(parser, value);
                case "body" -> body = raw(parser, buf);
                case "id" -> id = raw(parser, buf);
                case "seq" -> seq = OptionalLong.of(number(parser, value));
                case "since" -> since = OptionalLong.of(number(parser, value));
                case "missed" -> missed = OptionalLong.of(number(parser, value));
                case "history" -> history = value == JsonToken.VALUE_TRUE;
                case "members" -> members = strings(parser, value);
                case "rooms" -> rooms = roomCounts(parser, value);
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** The reply these fields make; null when a field it needs is missing. */
        Reply reply() {
            return switch (type) {
                case "message" -> message();
                case "pong" -> new Pong(id);
                case "bye" -> new Bye();
                case "help" -> text == null ? null : new HelpText(text);
                case "error" -> error();
                case "shutdown" -> new Shutdown();
                case "nick" -> name == null ? null : new NickChanged(name);
                case "join" -> room == null || members == null ? null : new Joined(room, members, seq);
                case "leave" -> room == null ? null : new Left(room);
                case "who" -> room == null || members == null ? null : new Members(room, members);
                case "rooms" -> rooms == null ? null : new RoomList(rooms);
                case "presence" -> presence();
                case "gap" -> room == null || since.isEmpty() ? null : new Gap(room, since.getAsLong(), missed);
                default -> null;
            };
        }

        private Reply message() {
            if (body == null || (room == null) != (from == null)) {
                return null;
            }
            Posted posted = new Posted(room, from, body, id, seq.orElse(0));
            return history && room != null ? new Replayed(posted) : posted;
        }

        private Reply error() {
            for (ErrorCode known : ErrorCode.values()) {
                if (known.wireName().equals(code) && message != null) {
                    return new ErrorReply(known, message, id);
                }
            }
            return null;
        }

        private Reply presence() {
            if (room == null || nick == null) {
                return null;
            }
            for (Presence.Event known : Presence.Event.values()) {
                if (known.wireName().equals(event)) {
                    return new Presence(room, nick, known, previous);
                }
            }
            return null;
        }
    }

    private static String string(JsonParser parser, JsonToken value) {
        if (value != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("not a string");
        }
        return parser.getString();
    }

    private static long number(JsonParser parser, JsonToken value) {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new IllegalArgumentException("not a whole number");
        }
        return parser.getLongValue();
    }

    private static List<String> strings(JsonParser parser, JsonToken value) {
        if (value != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("not an array");
        }
        List<String> strings = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            strings.add(string(parser, t));
        }
        return strings;
    }

    private static List<RoomCount> roomCounts(JsonParser parser, JsonToken value) {
        if (value != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("not an array");
        }
        List<RoomCount> counts = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not an object");
            }
            String room = null;
            long members = -1;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken v = parser.nextToken();
                switch (field) {
                    case "room" -> room = string(parser, v);
                    case "members" -> members = number(parser, v);
                    default -> parser.skipChildren();
                }
            }
            if (room == null || members < 0 || members > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("not a room count");
            }
            counts.add(new RoomCount(room, (int) members));
        }
        return counts;
    }

    /** The exact text of the value the parser is on (a scalar, or a whole object or array). */
    private static RawJson raw(JsonParser parser, byte[] buf) {
        long start = parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        parser.finishToken();
        long end = parser.currentLocation().getByteOffset();
        return new RawJson(new String(buf, (int) start, (int) (end - start), StandardCharsets.UTF_8));
    }
}

package dev.eco.protocol;

import dev.eco.protocol.Message.ErrorReply;
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
import dev.eco.protocol.Message.Who;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON frame with Jackson's streaming parser: no tree, no data binding, no polymorphic typing.
 * The {@code body} and {@code id} values are kept as the exact bytes the client sent, so they go back
 * unchanged whatever their shape. Unknown fields are skipped.
 */
final class JsonRequests {

    /** {@link Fields#since} when the frame has no {@code since}. */
    private static final long NO_SINCE = Long.MIN_VALUE;
    /** {@link Fields#since} when it is not a sequence number. */
    private static final long BAD_SINCE = -1;

    private final JsonMapper mapper;

    JsonRequests(JsonMapper mapper) {
        this.mapper = mapper;
    }

    Request parse(byte[] buf, int off, int len) {
        if (startsWithNul(buf, off, len)) {
            return invalid(ErrorCode.BAD_JSON, "not valid JSON: a NUL byte", null);
        }
        Fields fields = new Fields();
        try (JsonParser parser = mapper.createParser(buf, off, len)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return invalid(ErrorCode.BAD_REQUEST, "a JSON frame must be one object", null);
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "type" -> fields.type = stringOrSkip(parser, value); // an object's fields are not ours
                    case "name" -> fields.name = stringOrSkip(parser, value);
                    case "room" -> fields.room = stringOrSkip(parser, value);
                    case "since" -> fields.since = sequenceOrSkip(parser, value);
                    case "body" -> fields.body = raw(parser, buf, off);
                    case "id" -> {
                        // A repeated field counts as its last value, as for every other field.
                        boolean good = value == JsonToken.VALUE_STRING || value.isNumeric();
                        fields.badId = !good;
                        fields.id = good ? raw(parser, buf, off) : null;
                        if (!good) {
                            parser.skipChildren();
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return invalid(ErrorCode.BAD_JSON, "expected one JSON object and nothing after it", fields.id);
            }
        } catch (StreamConstraintsException e) {
            return invalid(ErrorCode.BAD_JSON, "the JSON exceeds a limit: " + brief(e), fields.id);
        } catch (JacksonException e) {
            return invalid(ErrorCode.BAD_JSON, "not valid JSON: " + brief(e), fields.id);
        }
        return request(fields);
    }

    /**
     * Whether a NUL byte stands among the first four. Given bytes, Jackson guesses UTF-16 or UTF-32 from NULs
     * there (<code>&#123;\0"\0</code> reads as UTF-16), which would turn byte offsets of body and id into nonsense;
     * frames are UTF-8, where a NUL is never valid JSON, so such a frame is refused before Jackson sees it.
     */
    private static boolean startsWithNul(byte[] buf, int off, int len) {
        for (int i = off, end = off + Math.min(len, 4); i < end; i++) {
            if (buf[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static Request request(Fields fields) {
        if (fields.badId) {
            return invalid(ErrorCode.BAD_REQUEST, "\"id\" must be a string or a number", null);
        }
        if (fields.type == null) {
            return invalid(ErrorCode.BAD_REQUEST, "a JSON frame needs a string field \"type\"", fields.id);
        }
        return switch (fields.type) {
            case "message" ->
                fields.body == null
                        ? invalid(ErrorCode.BAD_REQUEST, "a message needs a \"body\"", fields.id)
                        : new Post(fields.body, fields.id);
            case "ping" -> new Ping(fields.id);
            case "quit" -> new Quit();
            case "help" -> new Help();
            case "nick" ->
                fields.name == null
                        ? invalid(ErrorCode.BAD_REQUEST, "a nick needs a string \"name\"", fields.id)
                        : new Nick(fields.name);
            case "join" -> join(fields);
            case "leave" -> new Leave();
            case "who" -> new Who();
            case "rooms" -> new ListRooms();
            default -> invalid(ErrorCode.UNKNOWN_TYPE, "unknown type \"" + clip(fields.type) + "\"", fields.id);
        };
    }

    private static Request join(Fields fields) {
        if (fields.room == null) {
            return invalid(ErrorCode.BAD_REQUEST, "a join needs a string \"room\"", fields.id);
        }
        if (fields.since == NO_SINCE) {
            return new Join(fields.room);
        }
        if (fields.since < 0) {
            return invalid(
                    ErrorCode.BAD_REQUEST, "\"since\" must be a sequence number: a whole number from 0", fields.id);
        }
        return Join.since(fields.room, fields.since);
    }

    /**
     * The whole number from 0 the parser is on; {@link #BAD_SINCE} (after skipping the value) for anything else,
     * negative, fractional or beyond a long included.
     */
    private static long sequenceOrSkip(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long seq = parser.getLongValue();
            return seq < 0 ? BAD_SINCE : seq;
        }
        parser.skipChildren();
        return BAD_SINCE;
    }

    /** The string the parser is on, or null (after skipping the value) when it is not a string. */
    private static String stringOrSkip(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        parser.skipChildren();
        return null;
    }

    /** The exact text of the value the parser is on (a scalar, or a whole object or array). */
    private static RawJson raw(JsonParser parser, byte[] buf, int off) {
        long start = parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        parser.finishToken();
        long end = parser.currentLocation().getByteOffset();
        return new RawJson(new String(buf, off + (int) start, (int) (end - start), StandardCharsets.UTF_8));
    }

    private static Invalid invalid(ErrorCode code, String sentence, RawJson id) {
        return new Invalid(new ErrorReply(code, sentence, id));
    }

    /** Jackson's own sentence, without the location, source excerpt or setting name it appends. */
    private static String brief(JacksonException e) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        int setting = message.indexOf(", from `");
        message = setting < 0 ? message : message.substring(0, setting) + ")";
        // Some sentences point at where a value began: " (start marker at [Source: …", " (for Array starting at
        // [Source: …".
        int source = message.indexOf("[Source:");
        if (source >= 0) {
            int aside = message.lastIndexOf(" (", source);
            message = message.substring(0, aside >= 0 ? aside : source).strip();
        }
        return clip(message);
    }

    private static String clip(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    private static final class Fields {
        String type;
        String name;
        String room;
        long since = NO_SINCE;
        RawJson body;
        RawJson id;
        boolean badId;
    }
}

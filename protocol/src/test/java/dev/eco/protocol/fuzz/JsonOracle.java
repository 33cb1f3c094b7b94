package dev.eco.protocol.fuzz;

import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Limits;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What docs/protocol.md says a JSON frame is, computed another way than the codec does: Jackson's tree model
 * (the whole object, then its fields) instead of the codec's streaming parser that keeps raw bytes.
 */
final class JsonOracle {

    /** The codec's limits, applied by Jackson in the same way. */
    static final JsonMapper MAPPER = mapper(Limits.DEFAULT);

    /** The request the frame should become, as the fields that decide it, or the error it should get. */
    sealed interface Expected {}

    record Refused(ErrorCode code) implements Expected {}

    /** A valid request: its {@code type}, and the fields that type takes (null when absent). */
    record Valid(String type, JsonNode body, JsonNode id, String name, String room) implements Expected {}

    private JsonOracle() {}

    static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }

    static Expected expect(String frame) {
        JsonNode root;
        try {
            root = MAPPER.readTree(frame);
        } catch (JacksonException e) {
            return new Refused(ErrorCode.BAD_JSON);
        }
        JsonNode id = root.get("id");
        if (id != null && !id.isString() && !id.isNumber()) {
            return new Refused(ErrorCode.BAD_REQUEST);
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isString()) {
            return new Refused(ErrorCode.BAD_REQUEST);
        }
        JsonNode body = root.get("body");
        String name = stringOrNull(root.get("name"));
        String room = stringOrNull(root.get("room"));
        return switch (type.stringValue()) {
            case "message" ->
                body == null ? new Refused(ErrorCode.BAD_REQUEST) : new Valid("message", body, id, null, null);
            case "ping" -> new Valid("ping", null, id, null, null);
            case "nick" ->
                name == null ? new Refused(ErrorCode.BAD_REQUEST) : new Valid("nick", null, null, name, null);
            case "join" ->
                room == null ? new Refused(ErrorCode.BAD_REQUEST) : new Valid("join", null, null, null, room);
            case "quit", "help", "leave", "who", "rooms" -> new Valid(type.stringValue(), null, null, null, null);
            default -> new Refused(ErrorCode.UNKNOWN_TYPE);
        };
    }

    private static String stringOrNull(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    private static JsonMapper mapper(Limits limits) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxJsonDepth())
                .maxNumberLength(limits.maxJsonNumberLength())
                .maxStringLength(limits.maxFrameBytes())
                .maxNameLength(limits.maxFrameBytes())
                .maxDocumentLength(limits.maxFrameBytes())
                .build();
        return JsonMapper.builder(
                        JsonFactory.builder().streamReadConstraints(constraints).build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }
}

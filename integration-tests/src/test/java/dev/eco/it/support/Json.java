package dev.eco.it.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a JSON reply line, so tests assert on fields instead of on field order. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    public static JsonNode parse(String line) {
        return MAPPER.readTree(line);
    }
}

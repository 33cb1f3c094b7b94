package dev.eco.protocol;

import java.util.Objects;

/**
 * One JSON value kept exactly as the client wrote it, so that it goes back out byte for byte
 * (a message body, an id). Only the codec creates these from client input, after parsing them.
 */
public record RawJson(String json) {

    public RawJson {
        Objects.requireNonNull(json, "json");
    }

    /** Whether this is a JSON string (as opposed to a number, object, array, boolean or null). */
    public boolean isString() {
        return json.startsWith("\"");
    }

    @Override
    public String toString() {
        return json;
    }
}

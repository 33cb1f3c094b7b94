package dev.eco.nats;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Room names and nicknames as NATS subject tokens and key-value keys. Names are compared without case, so the
 * token is the lower-case name; '.' separates subject tokens and may not end a key, so it is written {@code =2e}
 * ('=' is allowed in both and is never part of a name, so no two names share a token).
 */
final class Tokens {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    private Tokens() {}

    static String of(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a room or nick name: " + name);
        }
        return name.toLowerCase(Locale.ROOT).replace(".", "=2e");
    }
}

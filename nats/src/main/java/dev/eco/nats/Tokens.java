package dev.eco.nats;

import dev.eco.chat.Names;

/**
 * Room names and nicknames as NATS subject tokens and key-value keys. Names are compared without case, so the
 * token is the lower-case name; '.' separates subject tokens and may not end a key, so it is written {@code =2e}
 * ('=' is allowed in both and is never part of a name, so no two names share a token).
 */
final class Tokens {

    private Tokens() {}

    static String of(String name) {
        if (!Names.isValid(name)) {
            throw new IllegalArgumentException("not a room or nick name: " + name);
        }
        return Names.key(name).replace(".", "=2e");
    }
}

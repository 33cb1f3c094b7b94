package dev.eco.server;

import java.util.Locale;
import java.util.regex.Pattern;

/** The rule for nicknames and room names: 1 to 32 letters, digits, '_', '-' or '.'; compared without case. */
final class Names {

    static final int MAX_LENGTH = 32;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_LENGTH + "}");

    private Names() {}

    static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    /** The key under which a name is unique: {@code Alice} and {@code alice} are the same name. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static String rule(String what) {
        return what + " must be 1 to " + MAX_LENGTH + " letters, digits, '_', '-' or '.'";
    }
}

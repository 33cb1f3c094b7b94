package dev.eco.chat;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule for nicknames and room names: 1 to 32 letters, digits, '_', '-' or '.'; compared without case.
 * Every {@link Rooms} implementation applies the same rule, so that clients see one protocol.
 */
public final class Names {

    public static final int MAX_LENGTH = 32;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_LENGTH + "}");

    private Names() {}

    public static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    /** The key under which a name is unique: {@code Alice} and {@code alice} are the same name. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The sentence of a {@code bad_name} error, e.g. for {@code "a nickname"}. */
    public static String rule(String what) {
        return what + " must be 1 to " + MAX_LENGTH + " letters, digits, '_', '-' or '.'";
    }
}

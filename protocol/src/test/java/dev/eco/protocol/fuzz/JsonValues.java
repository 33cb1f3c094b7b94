package dev.eco.protocol.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Valid JSON values in the forms clients write and the server must not rewrite: odd whitespace, {@code \u00e9}
 * and surrogate-pair escapes, {@code 1.50} and {@code -0e+3}, nesting. Never an LF, which would end the frame.
 */
final class JsonValues {

    private static final String WHITESPACE = " \t\r";
    private static final String[] ESCAPES = {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"};
    private static final int MAX_DEPTH = 8;

    private JsonValues() {}

    static String value(FuzzedDataProvider data) {
        StringBuilder out = new StringBuilder();
        value(data, out, 0);
        return out.toString();
    }

    private static void value(FuzzedDataProvider data, StringBuilder out, int depth) {
        int kind = data.consumeInt(0, depth < MAX_DEPTH ? 5 : 3);
        switch (kind) {
            case 0 -> string(data, out);
            case 1 -> number(data, out);
            case 2 -> out.append(data.pickValue(new String[] {"true", "false", "null"}));
            case 3 -> string(data, out);
            case 4 -> container(data, out, depth, '[', ']');
            default -> container(data, out, depth, '{', '}');
        }
    }

    private static void container(FuzzedDataProvider data, StringBuilder out, int depth, char open, char close) {
        out.append(open);
        int n = data.consumeInt(0, 4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            blanks(data, out);
            if (open == '{') {
                string(data, out);
                blanks(data, out);
                out.append(':');
                blanks(data, out);
            }
            value(data, out, depth + 1);
            blanks(data, out);
        }
        blanks(data, out);
        out.append(close);
    }

    static void string(FuzzedDataProvider data, StringBuilder out) {
        out.append('"');
        int n = data.consumeInt(0, 12);
        for (int i = 0; i < n; i++) {
            switch (data.consumeInt(0, 3)) {
                case 0 -> out.append(data.pickValue(ESCAPES));
                case 1 -> {
                    char c = data.consumeChar();
                    if (Character.isSurrogate(c)) {
                        int cp = 0x10000 + (c & 0x3FF);
                        out.append(String.format(
                                "\\u%04x\\u%04X", (int) Character.highSurrogate(cp), (int) Character.lowSurrogate(cp)));
                    } else {
                        out.append(String.format("\\u%04X", (int) c));
                    }
                }
                default -> {
                    char c = data.consumeChar();
                    // Raw characters except those a JSON string must escape (and surrogates, which a frame
                    // in UTF-8 cannot hold alone).
                    out.append(c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c) ? 'x' : c);
                }
            }
        }
        out.append('"');
    }

    private static void number(FuzzedDataProvider data, StringBuilder out) {
        if (data.consumeBoolean()) {
            out.append('-');
        }
        long integer = data.consumeLong();
        out.append(data.consumeBoolean() ? 0 : Math.abs(integer % 1_000_000_000_000L));
        if (data.consumeBoolean()) {
            out.append('.').append(digits(data));
        }
        if (data.consumeBoolean()) {
            out.append(data.pickValue(new String[] {"e", "E", "e+", "E-"})).append(digits(data) % 400);
        }
    }

    /** Digits with any trailing zeros they come with: 1.50 must stay 1.50. */
    private static long digits(FuzzedDataProvider data) {
        return data.consumeInt(0, 1_000_000) * (data.consumeBoolean() ? 10L : 1L);
    }

    private static void blanks(FuzzedDataProvider data, StringBuilder out) {
        int n = data.consumeInt(0, 2);
        for (int i = 0; i < n; i++) {
            out.append(WHITESPACE.charAt(data.consumeInt(0, WHITESPACE.length() - 1)));
        }
    }
}

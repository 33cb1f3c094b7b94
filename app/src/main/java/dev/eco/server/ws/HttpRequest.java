package dev.eco.server.ws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 request head (RFC 9112): the request line and the header fields, names in lower case, each with
 * every value it was given. Only what the upgrade and the page need is read; a body is never read.
 */
record HttpRequest(String method, String target, String version, Map<String, List<String>> headers) {

    /** A request head that cannot be read: the status to answer and why. */
    static final class Malformed extends Exception {
        Malformed(String why) {
            super(why, null, false, false);
        }
    }

    /** A method or a header name: RFC 9110's token characters. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private static final Pattern VERSION = Pattern.compile("HTTP/1\\.[0-9]");

    /** Parses {@code head[0, len)}, the bytes before the empty line that ends it (lines end with CRLF or LF). */
    static HttpRequest parse(byte[] head, int len) throws Malformed {
        // ISO-8859-1 maps every byte to one char: nothing is lost, and field values are opaque octets anyway.
        String[] lines = new String(head, 0, len, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3
                || !TOKEN.matcher(requestLine[0]).matches()
                || requestLine[1].isEmpty()
                || !VERSION.matcher(requestLine[2]).matches()) {
            throw new Malformed("the request line is not METHOD TARGET HTTP/1.1");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
                throw new Malformed("a header line is not NAME: VALUE");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, n -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return new HttpRequest(requestLine[0], requestLine[1], requestLine[2], headers);
    }

    /** The one value of a header; empty when it is absent. */
    Optional<String> header(String name) throws Malformed {
        List<String> values = headers.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new Malformed("the header " + name + " is given more than once");
        }
        return values.stream().findFirst();
    }

    /** Whether a comma-separated header (Connection, Upgrade) lists {@code token}, in any case. */
    boolean lists(String name, String token) {
        for (String value : headers.getOrDefault(name, List.of())) {
            for (String item : value.split(",", -1)) {
                if (item.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The target's path, without its query. */
    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }
}

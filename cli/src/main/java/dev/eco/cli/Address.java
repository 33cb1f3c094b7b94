package dev.eco.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * A server address as every client command reads it: {@code PORT} (on 127.0.0.1), {@code HOST PORT},
 * {@code HOST:PORT} or {@code [IPv6]:PORT}. A lone number is always a port, never a host: {@code eco chat 7777}
 * must not connect to 0.0.30.97. A bare IPv6 address ({@code ::1}) has too many colons to carry a port, so its
 * port is the next word.
 *
 * @param host the host name or address, without brackets
 * @param port 1 to 65535
 */
record Address(String host, int port) {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final String FORMS = "PORT, HOST PORT, HOST:PORT or [IPv6]:PORT";

    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]+)](?::(.*))?");

    /** An address and how many operands it took (1 or 2). */
    record Taken(Address address, int operands) {}

    /** Reads the address at the front of {@code operands}, which must not be empty. */
    static Taken take(List<String> operands, CommandLine cli) {
        String first = operands.getFirst();
        String next = operands.size() > 1 ? operands.get(1) : null;
        if (DIGITS.matcher(first).matches()) {
            return new Taken(new Address(DEFAULT_HOST, port(first, cli)), 1);
        }
        Matcher bracketed = BRACKETED.matcher(first);
        String host;
        if (bracketed.matches()) {
            host = bracketed.group(1);
            if (bracketed.group(2) != null) {
                return new Taken(new Address(host, port(bracketed.group(2), cli)), 1);
            }
        } else if (first.indexOf(':') >= 0 && first.indexOf(':') == first.lastIndexOf(':')) {
            int colon = first.indexOf(':');
            host = colon == 0 ? DEFAULT_HOST : first.substring(0, colon);
            return new Taken(new Address(host, port(first.substring(colon + 1), cli)), 1);
        } else {
            host = first;
        }
        if (next == null || !DIGITS.matcher(next).matches()) {
            throw new ParameterException(cli, "'" + first + "' needs a port: give the server as " + FORMS);
        }
        return new Taken(new Address(host, port(next, cli)), 2);
    }

    /** The whole of {@code operands} as one address; none gives {@code fallback}. */
    static Address only(List<String> operands, Address fallback, CommandLine cli) {
        if (operands.isEmpty()) {
            return fallback;
        }
        Taken taken = take(operands, cli);
        if (taken.operands() < operands.size()) {
            throw new ParameterException(
                    cli,
                    "unexpected '" + operands.get(taken.operands()) + "' after the server address (" + FORMS + ")");
        }
        return taken.address();
    }

    private static int port(String value, CommandLine cli) {
        if (DIGITS.matcher(value).matches()) {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        }
        throw new ParameterException(cli, "'" + value + "' is not a port to connect to: use 1 to 65535");
    }
}

package dev.eco.server.testing;

import java.util.List;

/**
 * A scripted answer to one frame: these lines, each ended as the frame was (LF or CRLF), and then, if
 * {@link #close()}, the connection closed (cleanly, as after {@code quit}). No lines is silence.
 *
 * <pre>{@code
 * Answer.lines("+OK")                    // one line
 * Answer.lines("250-hello", "250 OK")    // two
 * Answer.silence()                       // nothing: the client's read timeout must fire
 * Answer.lines("221 bye").thenClose()
 * }</pre>
 */
public record Answer(List<String> lines, boolean close) {

    public Answer {
        lines = List.copyOf(lines);
        for (String line : lines) {
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(
                        "a scripted line must be one line (its terminator is added): give two lines as lines(\"a\", \"b\")");
            }
        }
    }

    public static Answer lines(String... lines) {
        return new Answer(List.of(lines), false);
    }

    public static Answer silence() {
        return new Answer(List.of(), false);
    }

    /** The same lines, then the connection closed. */
    public Answer thenClose() {
        return new Answer(lines, true);
    }
}

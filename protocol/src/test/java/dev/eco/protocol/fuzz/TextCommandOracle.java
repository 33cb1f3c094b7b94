package dev.eco.protocol.fuzz;

import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Help;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.Message.Leave;
import dev.eco.protocol.Message.ListRooms;
import dev.eco.protocol.Message.Nick;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Request;
import dev.eco.protocol.Message.Text;
import dev.eco.protocol.Message.Who;

/**
 * The text frames table of docs/protocol.md, read literally: a command is its word in any letter case (ASCII
 * letters: the words are ASCII), with blanks around the whole frame ignored; the chat commands take the rest
 * after the first space as their argument; anything else is echoed.
 */
final class TextCommandOracle {

    private TextCommandOracle() {}

    static Request command(String frame) {
        String line = frame.strip();
        int space = line.indexOf(' ');
        String word = asciiLower(space < 0 ? line : line.substring(0, space));
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        if (space < 0) {
            switch (word) {
                case "quit", "/quit" -> {
                    return new Quit();
                }
                case "/ping" -> {
                    return new Ping(null);
                }
                case "/help" -> {
                    return new Help();
                }
                default -> {}
            }
        }
        return switch (word) {
            case "/nick" -> argument.isEmpty() ? usage() : new Nick(argument);
            case "/join" -> argument.isEmpty() ? usage() : join(argument);
            case "/leave" -> new Leave();
            case "/who" -> new Who();
            case "/rooms" -> new ListRooms();
            default -> new Text(frame);
        };
    }

    /** {@code ROOM}, or {@code ROOM since SEQ} with SEQ a decimal number that fits a long (docs/protocol.md). */
    private static Request join(String argument) {
        String[] words = argument.split("[ \t]+", -1); // stripped: no empty last word to keep or drop
        if (words.length < 2 || !asciiLower(words[1]).equals("since")) {
            return new Join(argument);
        }
        if (words.length != 3 || !words[2].matches("[0-9]{1,19}")) {
            return usage();
        }
        try {
            return Join.since(words[0], Long.parseLong(words[2]));
        } catch (NumberFormatException e) {
            return usage();
        }
    }

    private static Invalid usage() {
        return new Invalid(new ErrorReply(ErrorCode.BAD_REQUEST, "usage"));
    }

    /** Lower case for A-Z only: no locale, no Unicode case folding. */
    private static String asciiLower(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }
}

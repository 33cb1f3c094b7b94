package dev.eco.protocol;

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

/** Reads a text frame: a command (blanks around it and letter case ignored) or a line to echo. */
final class TextCommands {

    /** The longest command word, {@code /leave} and {@code /rooms}. */
    private static final int LONGEST_WORD = 6;

    private static final String JOIN_USAGE = "/join ROOM [since SEQ]";
    /** The longest sequence number: {@link Long#MAX_VALUE} has 19 digits. */
    private static final int LONGEST_SEQ = 19;

    private TextCommands() {}

    static Request parse(String frame) {
        String command = frame.strip();
        switch (asciiLowerCase(command)) {
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
        if (command.startsWith("/")) {
            Request chat = chatCommand(command);
            if (chat != null) {
                return chat;
            }
        }
        return new Text(frame);
    }

    /** The chat commands; null when {@code command} is none of them (then it is echoed like any text). */
    private static Request chatCommand(String command) {
        int space = command.indexOf(' ');
        String word = asciiLowerCase(space < 0 ? command : command.substring(0, space));
        String argument = space < 0 ? "" : command.substring(space + 1).strip();
        return switch (word) {
            case "/nick" -> argument.isEmpty() ? usage("/nick NAME") : new Nick(argument);
            case "/join" -> argument.isEmpty() ? usage(JOIN_USAGE) : join(argument);
            case "/leave" -> new Leave();
            case "/who" -> new Who();
            case "/rooms" -> new ListRooms();
            default -> null;
        };
    }

    /**
     * {@code ROOM} or {@code ROOM since SEQ}. A room name has no blank, so a second word {@code since} always
     * means a resume, and then the third must be a sequence number (decimal digits) and the last word.
     */
    private static Request join(String argument) {
        String[] words = argument.split("[ \t]+", -1); // stripped: no empty last word to keep or drop
        if (words.length < 2 || !asciiLowerCase(words[1]).equals("since")) {
            return new Join(argument);
        }
        if (words.length != 3) {
            return usage(JOIN_USAGE);
        }
        long seq = sequence(words[2]);
        return seq < 0 ? usage(JOIN_USAGE) : Join.since(words[0], seq);
    }

    /** The decimal number {@code digits} names, or -1 when it is not one (signs, other characters, overflow). */
    static long sequence(String digits) {
        if (digits.isEmpty() || digits.length() > LONGEST_SEQ) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value < 0) {
                return -1; // past Long.MAX_VALUE
            }
        }
        return value;
    }

    /**
     * The command words are ASCII, and so is their case folding: Unicode's would make {@code qu\u0131t} (dotless i)
     * a quit and {@code /nic\u212A} (Kelvin sign) a nick, a command no one typed as one. A word longer than every
     * command is returned as it is: it matches none anyway, and a long frame is not copied for nothing.
     */
    private static String asciiLowerCase(String s) {
        if (s.length() > LONGEST_WORD) {
            return s;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = new StringBuilder(s);
                }
                out.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return out == null ? s : out.toString();
    }

    private static Invalid usage(String form) {
        return new Invalid(new ErrorReply(ErrorCode.BAD_REQUEST, "usage: " + form));
    }
}

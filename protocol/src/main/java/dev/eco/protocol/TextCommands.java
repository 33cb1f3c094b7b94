package dev.eco.protocol;

import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Help;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.Message.Leave;
import dev.eco.protocol.Message.Nick;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Request;
import dev.eco.protocol.Message.Rooms;
import dev.eco.protocol.Message.Text;
import dev.eco.protocol.Message.Who;
import java.util.Locale;

/** Reads a text frame: a command (blanks around it and letter case ignored) or a line to echo. */
final class TextCommands {

    private TextCommands() {}

    static Request parse(String frame) {
        String command = frame.strip();
        if (command.equalsIgnoreCase("quit") || command.equalsIgnoreCase("/quit")) {
            return new Quit();
        }
        if (command.equalsIgnoreCase("/ping")) {
            return new Ping(null);
        }
        if (command.equalsIgnoreCase("/help")) {
            return new Help();
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
        String word = (space < 0 ? command : command.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : command.substring(space + 1).strip();
        return switch (word) {
            case "/nick" -> argument.isEmpty() ? usage("/nick NAME") : new Nick(argument);
            case "/join" -> argument.isEmpty() ? usage("/join ROOM") : new Join(argument);
            case "/leave" -> new Leave();
            case "/who" -> new Who();
            case "/rooms" -> new Rooms();
            default -> null;
        };
    }

    private static Invalid usage(String form) {
        return new Invalid(new ErrorReply(ErrorCode.BAD_REQUEST, "usage: " + form));
    }
}

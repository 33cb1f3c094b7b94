package dev.eco.protocol;

import dev.eco.protocol.Message.Help;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Request;
import dev.eco.protocol.Message.Text;

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
        return new Text(frame);
    }
}

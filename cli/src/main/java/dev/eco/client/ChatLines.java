package dev.eco.client;

import java.util.regex.Pattern;

/** What a chat line means to the session, in either style: a typed {@code quit}, a confirmed join, a {@code bye}. */
final class ChatLines {

    private static final Pattern JSON_BYE = Pattern.compile("\\{\\s*\"type\"\\s*:\\s*\"bye\"\\s*}");
    /** eco's answer to a JSON join: {@code {"type":"join","room":…,"members":[…]}}; the request has no members. */
    private static final Pattern JSON_JOINED =
            Pattern.compile("\\{\\s*\"type\"\\s*:\\s*\"join\"\\s*,.*\"members\"\\s*:.*");

    private ChatLines() {}

    /** Whether a typed line ends the session, as the eco protocol reads it. */
    static boolean isQuit(String line) {
        String command = line.strip();
        return command.equalsIgnoreCase("quit") || command.equalsIgnoreCase("/quit");
    }

    /** Whether a line from the server confirms a join: from then on other members' lines come too. */
    static boolean isJoined(String line) {
        return line.startsWith("joined ") || JSON_JOINED.matcher(line).matches();
    }

    static boolean isBye(String line) {
        String reply = line.strip();
        return reply.equalsIgnoreCase("bye") || JSON_BYE.matcher(reply).matches();
    }
}

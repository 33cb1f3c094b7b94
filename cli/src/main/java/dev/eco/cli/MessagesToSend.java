package dev.eco.cli;

import dev.eco.protocol.Codec;
import dev.eco.protocol.Message.Request;
import dev.eco.protocol.Message.Text;
import dev.eco.protocol.Style;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code eco send} sends, each message as bytes without terminator (the exchange adds what it needs): the
 * words joined by spaces, or standard input, all of it one message with {@code --raw}, else one message a line;
 * with {@code --json} each text in a JSON message.
 */
final class MessagesToSend {

    private MessagesToSend() {}

    /** The messages: from {@code words}, or from {@code in} when there are none; empty when there is nothing. */
    static List<byte[]> read(List<String> words, InputStream in, boolean raw, boolean json) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        if (!words.isEmpty()) {
            messages.add(wrap(String.join(" ", words), json));
        } else if (raw) {
            byte[] all = in.readAllBytes();
            if (all.length > 0) {
                messages.add(all);
            }
        } else {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                messages.add(wrap(line, json));
            }
        }
        return messages;
    }

    private static byte[] wrap(String message, boolean json) {
        if (!json) {
            return message.getBytes(StandardCharsets.UTF_8);
        }
        byte[] frame = new Codec().encode((Request) new Text(message), Style.JSON);
        return Arrays.copyOf(frame, frame.length - 1); // without the LF: the exchange adds what it needs
    }
}

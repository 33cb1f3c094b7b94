package dev.eco.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Standard input that is not a terminal: each line is posted as typed, then end of input. */
public final class PlainInput {

    private PlainInput() {}

    /** Reads on a daemon thread, so that a pipe that never ends cannot keep the process alive. */
    public static void start(InputStream in, Consumer<ChatEvent> events) {
        Thread.ofPlatform().daemon().name("eco-chat-stdin").start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    events.accept(new ChatEvent.Typed(line));
                    if (ChatLines.isQuit(line)) {
                        return; // what follows quit is never sent
                    }
                }
            } catch (IOException e) {
                // unreadable input ends it like end of file does
            }
            events.accept(new ChatEvent.InputEnded());
        });
    }
}

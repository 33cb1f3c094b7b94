package dev.eco.client;

import java.io.IOError;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Consumer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive chat on a terminal (JLine): a {@code > } prompt with line editing and history, and the
 * server's lines printed above the prompt as they arrive, so what the person is typing stays intact.
 */
public final class TerminalConsole implements AutoCloseable {

    static final String PROMPT = "> ";

    private final Terminal terminal;
    private final LineReader reader;
    private Thread thread;

    private TerminalConsole(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    public static TerminalConsole open() throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).name("eco").build();
        // Chat lines are not shell commands: no quotes or escapes that ask for a continuation line,
        // no history expansion of '!'.
        DefaultParser parser = new DefaultParser().quoteChars(new char[0]).escapeChars(new char[0]);
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("eco")
                .parser(parser)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        return new TerminalConsole(terminal, reader);
    }

    /** Reads lines on a thread of its own until {@code quit}, Ctrl-D or Ctrl-C. */
    public void startReading(Consumer<ChatEvent> events) {
        thread = Thread.ofPlatform().daemon().name("eco-chat-console").start(() -> {
            try {
                while (true) {
                    String line = reader.readLine(PROMPT);
                    events.accept(new ChatEvent.Typed(line));
                    if (ChatLines.isQuit(line)) {
                        return;
                    }
                }
            } catch (UserInterruptException | EndOfFileException | IOError e) {
                events.accept(new ChatEvent.InputEnded()); // Ctrl-C, Ctrl-D, or the console was closed
            }
        });
    }

    /** Prints a line from the server above the prompt; control characters are shown, not obeyed. */
    public void print(String line) {
        reader.printAbove(visible(line));
    }

    /**
     * The line with every character a terminal would obey rather than show made visible, so a chat member
     * cannot move the cursor, clear or retitle anyone's screen, or reorder the text they see. C0 controls
     * and DEL are shown as {@code ^X}; C1 controls (U+0080 to U+009F, among them the one-character CSI),
     * the line and paragraph separators and the bidi overrides and isolates as {@code <U+XXXX>}.
     */
    static String visible(String line) {
        StringBuilder shown = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean caret = (c < 0x20 && c != '\t') || c == 0x7f;
            boolean coded = !caret && isHidden(c);
            if ((caret || coded) && shown == null) {
                shown = new StringBuilder(line.length() + 8).append(line, 0, i);
            }
            if (shown != null) {
                if (caret) {
                    shown.append('^').append((char) (c ^ 0x40));
                } else if (coded) {
                    shown.append(String.format(Locale.ROOT, "<U+%04X>", (int) c));
                } else {
                    shown.append(c);
                }
            }
        }
        return shown == null ? line : shown.toString();
    }

    /** C1 controls, U+2028/U+2029, and the bidi embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
    private static boolean isHidden(char c) {
        return (c >= 0x80 && c <= 0x9f) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /** Stops reading (restoring the terminal) and closes it. */
    @Override
    public void close() {
        if (thread != null && thread.isAlive()) {
            thread.interrupt(); // readLine ends with UserInterruptException and restores the terminal
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            terminal.close();
        } catch (IOException ignored) {
            // the terminal is going away with the process
        }
    }
}

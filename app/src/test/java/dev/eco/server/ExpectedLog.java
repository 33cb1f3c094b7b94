package dev.eco.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.tinylog.core.LogEntry;
import org.tinylog.core.LogEntryValue;
import org.tinylog.writers.Writer;

/**
 * The tests' tinylog writer (tinylog-test.properties): every log line goes to standard error as the console
 * writer would write it, except a line a running test said it provokes, which is kept for that test to
 * assert instead. So a warning a test causes on purpose ({@code could not admit a connection: … a bug in
 * admitting one socket}) is checked rather than printed, where it would read like a real bug in the build's
 * output; every other warning still shows.
 *
 * <pre>{@code
 * try (ExpectedLog.Expected refused = ExpectedLog.expect("refused: server full")) {
 *     … provoke it …
 *     assertTrue(refused.await().contains("(1 connection)"));
 * }
 * }</pre>
 */
public final class ExpectedLog implements Writer {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final List<Expected> EXPECTED = new CopyOnWriteArrayList<>();

    /** tinylog creates the writer with the properties of its {@code writer} entry; none are needed. */
    public ExpectedLog(Map<String, String> properties) {}

    /** From now until {@link Expected#close()}, log lines that contain {@code fragment} are kept, not printed. */
    public static Expected expect(String fragment) {
        Expected expected = new Expected(fragment);
        EXPECTED.add(expected);
        return expected;
    }

    /** The lines a test provokes, containing one fragment. */
    public static final class Expected implements AutoCloseable {
        private final String fragment;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        private Expected(String fragment) {
            this.fragment = fragment;
        }

        /** The first such line, once it is written (log lines are written by tinylog's own thread). */
        public String await() {
            return Awaitility.await("a log line with '" + fragment + "'")
                    .atMost(WAIT)
                    .until(() -> lines.isEmpty() ? null : lines.getFirst(), line -> line != null);
        }

        /** Every such line written so far. */
        public List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() {
            EXPECTED.remove(this);
        }
    }

    @Override
    public Collection<LogEntryValue> getRequiredLogEntryValues() {
        return EnumSet.of(
                LogEntryValue.DATE,
                LogEntryValue.LEVEL,
                LogEntryValue.THREAD,
                LogEntryValue.MESSAGE,
                LogEntryValue.EXCEPTION);
    }

    @Override
    public void write(LogEntry entry) {
        String line = format(entry);
        for (Expected expected : EXPECTED) {
            if (line.contains(expected.fragment)) {
                expected.lines.add(line);
                return;
            }
        }
        System.err.print(line);
    }

    /**
     * As the console writer's format in tinylog-test.properties writes it: {@code 12:00:00.000 WARN  [thread]
     * message}, and an exception after {@code ": "} with its stack trace.
     */
    private static String format(LogEntry entry) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        LocalTime time = LocalTime.ofInstant(entry.getTimestamp().toInstant(), ZoneId.systemDefault());
        out.printf(
                "%s %-5s [%s] ",
                TIME.format(time),
                entry.getLevel(),
                entry.getThread() == null ? "" : entry.getThread().getName());
        if (entry.getException() == null) {
            out.println(entry.getMessage());
        } else {
            out.print(entry.getMessage() == null ? "" : entry.getMessage() + ": ");
            entry.getException().printStackTrace(out);
        }
        out.flush();
        return text.toString();
    }

    @Override
    public void flush() {
        System.err.flush();
    }

    @Override
    public void close() {
        System.err.flush();
    }
}

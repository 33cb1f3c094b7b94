package dev.eco.cli;

import java.util.List;
import org.tinylog.Logger;
import org.tinylog.configuration.Configuration;

/**
 * The CLI's log: warnings by default, so a terminal shows the {@code eco listening} lines and what needs
 * attention, not one line per connection. A level given as the system property {@code tinylog.level} wins.
 */
final class Logging {

    /** From quietest to loudest; {@code -v} moves right from the level {@code --log-level} chose. */
    private static final List<String> LEVELS = List.of("off", "error", "warn", "info", "debug", "trace");

    /**
     * The classes that write a connection's open and close lines. {@code --log-connections} lowers their level
     * to debug alone (tinylog's {@code level@CLASS}), so those lines show without the rest of debug (every
     * frame). LogConnectionsIT fails if the lines move to a class not listed here.
     */
    static final List<String> CONNECTION_LOGGERS = List.of("dev.eco.server.net.ConnectionHandler");

    private Logging() {}

    /** {@code level} made {@code steps} louder, at most trace. */
    static String louder(String level, int steps) {
        return LEVELS.get(Math.min(LEVELS.size() - 1, LEVELS.indexOf(level) + steps));
    }

    static void configure(String level, boolean connections) {
        if (Configuration.isFrozen()) {
            return; // tinylog is already running (a second server in one JVM)
        }
        if (System.getProperty("tinylog.level") == null) {
            Configuration.set("level", level);
        }
        if (connections && LEVELS.indexOf(level) < LEVELS.indexOf("debug")) {
            for (String logger : CONNECTION_LOGGERS) {
                Configuration.set("level@" + logger, "debug");
            }
        }
        // tinylog starts (loads its classes, opens its writer) at its first log call: that must be now, while
        // file descriptors are plentiful, and not at a first warning that comes once they have run out, when
        // it fails and nothing is ever logged (AcceptFailureIT).
        Logger.debug("log level {}", level);
    }
}

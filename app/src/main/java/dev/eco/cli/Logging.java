package dev.eco.cli;

import org.tinylog.configuration.Configuration;

/** Applies {@code --log-level}; a level given as the system property {@code tinylog.level} wins. */
final class Logging {

    private Logging() {}

    static void setLevel(String level) {
        if (System.getProperty("tinylog.level") != null || Configuration.isFrozen()) {
            return; // set by the user, or tinylog is already running (a second server in one JVM)
        }
        Configuration.set("level", level);
    }
}

package dev.eco.cli;

import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** How much {@code eco serve} logs: warnings by default, louder with {@code -v} or {@code --log-level}. */
final class ServeLogging {

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            defaultValue = "${env:ECO_LOG_LEVEL:-warn}",
            converter = Options.LogLevel.class,
            description = "trace, debug, info, warn, error or off (env ECO_LOG_LEVEL).")
    private String logLevel;

    @Option(
            names = {"-v", "--verbose"},
            showDefaultValue = Visibility.NEVER,
            description = "More log: -v info (start, stop, refusals), -vv debug, -vvv trace.")
    private boolean[] verbose = new boolean[0];

    @Option(
            names = "--log-connections",
            defaultValue = "${env:ECO_LOG_CONNECTIONS:-false}",
            description = "Log each connection's open and close, whatever the log level (env ECO_LOG_CONNECTIONS).")
    private boolean logConnections;

    void configure() {
        Logging.configure(Logging.louder(logLevel, verbose.length), logConnections);
    }
}

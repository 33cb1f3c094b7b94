package dev.eco.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code eco} command. {@link #run} returns the exit status, so the CLI can be tested in-process. */
@Command(
        name = "eco",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A TCP/UDP echo and chat server, its clients and a load generator.",
        subcommands = {CommandLine.HelpCommand.class, ServeCommand.class,
                BenchCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line; exit codes: 0 success, 1 failure at run time, 2 bad usage. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new FriendlyErrors());
        cli.setParameterExceptionHandler(new UsageErrors());
        return cli;
    }
}

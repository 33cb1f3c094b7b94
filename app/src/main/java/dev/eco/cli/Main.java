package dev.eco.cli;

import java.io.InputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code eco} command. {@link #run} returns the exit status, so the CLI can be tested in-process. */
@Command(
        name = "eco",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A TCP/UDP echo and chat server, its clients and a load generator.",
        subcommands = {CommandLine.HelpCommand.class, ServeCommand.class, ChatCommand.class, SendCommand.class,
            FanOutCommand.class,
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

    /** The command line with {@code stdin} as the standard input of the commands that read it (tests pipe into it). */
    public static CommandLine commandLine(InputStream stdin) {
        CommandLine cli = commandLine();
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommand() instanceof ReadsInput command) {
                command.standardInput(stdin);
            }
        }
        return cli;
    }
}

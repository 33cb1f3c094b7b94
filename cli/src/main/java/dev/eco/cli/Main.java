package dev.eco.cli;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code eco} command. {@link #run} returns the exit status, so the CLI can be tested in-process. */
@Command(
        name = "eco",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A TCP/UDP echo and chat server, its clients and a load generator.")
public final class Main {

    /**
     * The subcommands in the order {@code eco --help} lists them, README's order; {@code help} comes last. They are added by hand
     * rather than named in {@code @Command}: picocli builds each command's model by reflection over its
     * annotations, which took about half a second of {@code eco serve}'s start on one core, so a command line
     * that names its command builds that one alone (docs/performance.md, start time).
     *
     * <p>No supplier here may name a picocli class: picocli's class files are of a version the JDK's AOT cache
     * leaves out, and a lambda that refers to one made the JDK 25.0.3 crash while writing the cache.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("serve", ServeCommand::new);
        commands.put("chat", ChatCommand::new);
        commands.put("send", SendCommand::new);
        commands.put("bench", BenchCommand::new);
        commands.put("fanout", FanOutCommand::new);
        return commands;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /** The configured command line with every subcommand; exit codes: 0 success, 1 failure at run time, 2 bad usage. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for these arguments: only the subcommand they name when the first one names one, every
     * subcommand otherwise ({@code help}, which needs the others, the top-level help, and the list of commands
     * in an error).
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        String named = args.length > 0 ? args[0] : "";
        if (COMMANDS.containsKey(named)) {
            cli.addSubcommand(named, COMMANDS.get(named).get());
        } else {
            COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
            cli.addSubcommand("help", new CommandLine.HelpCommand());
        }
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

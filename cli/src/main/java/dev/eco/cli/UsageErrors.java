package dev.eco.cli;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A bad command line gets one sentence and a pointer to {@code --help}, exit status 2; no usage dump. */
final class UsageErrors implements IParameterExceptionHandler {

    /** How an option's default names its environment variable: {@code ${env:ECO_PORT:-9999}}. */
    private static final Pattern FROM_ENV = Pattern.compile("\\$\\{env:(\\w+)");

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println(qualifiedName(cli) + ": " + sentence(e, cli, args));
        cli.getErr().println("Try '" + qualifiedName(cli) + " --help'.");
        return 2;
    }

    private static String sentence(ParameterException e, CommandLine cli, String[] args) {
        if (e instanceof UnmatchedArgumentException unmatched
                && !cli.getSubcommands().isEmpty()
                && cli.getParent() == null
                && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().getFirst().startsWith("-")) {
            List<String> commands = cli.getSubcommands().keySet().stream().toList();
            return "unknown command '" + unmatched.getUnmatched().getFirst() + "': the commands are "
                    + String.join(", ", commands);
        }
        String variable = environmentVariable(e.getArgSpec(), args);
        if (variable != null && e.getCause() != null && e.getCause().getMessage() != null) {
            return "environment variable " + variable + ": " + e.getCause().getMessage();
        }
        return e.getMessage();
    }

    /**
     * The environment variable a bad value came from: the option's default names one, it is set, and the
     * option is not on the command line.
     */
    private static String environmentVariable(ArgSpec arg, String[] args) {
        if (!(arg instanceof OptionSpec option) || option.defaultValueString(false) == null) {
            return null;
        }
        Matcher m = FROM_ENV.matcher(option.defaultValueString(false));
        if (!m.find() || System.getenv(m.group(1)) == null) {
            return null;
        }
        boolean given = Arrays.stream(args)
                .anyMatch(a -> Arrays.stream(option.names())
                        .anyMatch(name -> a.equals(name)
                                || a.startsWith(name + "=")
                                || (name.length() == 2 && !name.startsWith("--") && a.startsWith(name))));
        return given ? null : m.group(1);
    }

    /** {@code eco serve}, not {@code serve}: the name the user typed, so the message says which program speaks. */
    static String qualifiedName(CommandLine cli) {
        return cli.getParent() == null
                ? cli.getCommandName()
                : qualifiedName(cli.getParent()) + " " + cli.getCommandName();
    }
}

package dev.eco.cli;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A bad command line gets one sentence and a pointer to {@code --help}, exit status 2; no usage dump. The
 * sentence is eco's own, in the voice of every other eco message ({@code --count: 'abc' is not a whole
 * number}), not picocli's ({@code Invalid value for option '--count': …}).
 */
final class UsageErrors implements IParameterExceptionHandler {

    /** How an option's default names its environment variable: {@code ${env:ECO_PORT:-9999}}. */
    private static final Pattern FROM_ENV = Pattern.compile("\\$\\{env:(\\w+)");
    /** picocli's sentence for an option followed by another option instead of its value. */
    private static final Pattern NO_VALUE = Pattern.compile("Expected parameter for option '.*' but found '(.*)'");
    /** picocli's sentence for missing arguments: {@code Missing required parameters: 'MODE', 'SERVER'}. */
    private static final Pattern MISSING = Pattern.compile("Missing required parameters?: (.*)");
    /** picocli's sentence for a command line that names no subcommand. */
    private static final String NO_COMMAND = "Missing required subcommand";

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println(qualifiedName(cli) + ": " + sentence(e, cli, args));
        cli.getErr().println("Try '" + qualifiedName(cli) + " --help'.");
        return 2;
    }

    static String sentence(ParameterException e, CommandLine cli, String[] args) {
        return switch (e) {
            case UnmatchedArgumentException unmatched -> unmatched(unmatched, cli);
            case MissingParameterException missing -> missing(missing);
            case OverwrittenOptionException twice -> name(twice.getOverwritten()) + " is given more than once";
            default ->
                NO_COMMAND.equals(e.getMessage()) && !cli.getSubcommands().isEmpty()
                        ? "no command given: the commands are " + commands(cli)
                        : invalidValue(e, args);
        };
    }

    private static String unmatched(UnmatchedArgumentException e, CommandLine cli) {
        List<String> unmatched = e.getUnmatched();
        if (unmatched.isEmpty()) {
            return e.getMessage();
        }
        String first = unmatched.getFirst();
        if (!first.startsWith("-")) {
            return !cli.getSubcommands().isEmpty() && cli.getParent() == null
                    ? "unknown command '" + first + "': the commands are " + commands(cli)
                    : "unexpected '" + first + "'";
        }
        List<String> suggestions = e.getSuggestions();
        return "unknown option '" + first + "'"
                + (suggestions.isEmpty() ? "" : ": did you mean " + String.join(" or ", suggestions) + "?");
    }

    /** An option without its value, or arguments that are not there: {@code missing MODE and SERVER}. */
    private static String missing(MissingParameterException e) {
        List<ArgSpec> missing = e.getMissing();
        if (!missing.isEmpty() && missing.getFirst() instanceof OptionSpec option) {
            Matcher found = NO_VALUE.matcher(String.valueOf(e.getMessage()));
            return name(option) + " needs a value (" + option.paramLabel() + ")"
                    + (found.matches() ? ", not '" + found.group(1) + "'" : "");
        }
        Matcher labels = MISSING.matcher(String.valueOf(e.getMessage()));
        if (!labels.matches()) {
            return e.getMessage();
        }
        return "missing " + labels.group(1).replace("'", "").replaceFirst(", ([^,]*)$", " and $1");
    }

    /**
     * A value its converter refused: the option and the converter's sentence ({@code --port: 'abc' is not a
     * port number}), or the environment variable it came from.
     */
    private static String invalidValue(ParameterException e, String[] args) {
        String why = e.getCause() == null ? null : e.getCause().getMessage();
        if (why == null) {
            return e.getMessage();
        }
        String variable = environmentVariable(e.getArgSpec(), args);
        if (variable != null) {
            return "environment variable " + variable + ": " + why;
        }
        return e.getArgSpec() instanceof OptionSpec option ? name(option) + ": " + why : why;
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    private static String commands(CommandLine cli) {
        return String.join(", ", cli.getSubcommands().keySet());
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

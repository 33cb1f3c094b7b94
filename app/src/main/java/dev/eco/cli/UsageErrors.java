package dev.eco.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** A bad command line gets one sentence and a pointer to {@code --help}, exit status 2; no usage dump. */
final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println(qualifiedName(cli) + ": " + e.getMessage());
        cli.getErr().println("Try '" + qualifiedName(cli) + " --help'.");
        return 2;
    }

    /** {@code eco serve}, not {@code serve}: the name the user typed, so the message says which program speaks. */
    static String qualifiedName(CommandLine cli) {
        return cli.getParent() == null ? cli.getCommandName() : qualifiedName(cli.getParent()) + " " + cli.getCommandName();
    }
}

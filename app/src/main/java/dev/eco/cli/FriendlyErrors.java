package dev.eco.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure at run time into one sentence on standard error and exit status 1. A user's mistake
 * (an unreachable host, a port in use) is not a bug, so it never shows a stack trace.
 */
final class FriendlyErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        cli.getErr().println(UsageErrors.qualifiedName(cli) + ": " + message);
        return 1;
    }
}

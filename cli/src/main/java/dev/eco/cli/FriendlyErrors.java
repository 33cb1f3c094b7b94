package dev.eco.cli;

import dev.eco.bench.BenchException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A failure at run time is exit status 1, told in one of two ways. An expected failure (an unreachable
 * host, a port in use, a reply that did not come, a setting eco's config rejected) is the person's to fix:
 * one sentence, {@code eco CMD: MESSAGE}, no stack trace. Anything else (a NullPointerException, say) is a
 * bug in eco: one sentence that says so, then the stack trace, so that it can be reported and found.
 */
final class FriendlyErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        String name = UsageErrors.qualifiedName(cli);
        if (isExpected(e)) {
            err.println(name + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } else {
            err.println(name + ": this is a bug in eco, please report it with what follows: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /**
     * I/O failures (the clients' {@code ClientException} is one), an interruption, a load run that could not
     * start or go on ({@code BenchException}: nothing listening, too few open files), and an
     * IllegalArgumentException that eco's own code threw to reject a setting (its config records validate
     * that way). An IllegalArgumentException from anywhere else, NumberFormatException included, is a bug.
     */
    static boolean isExpected(Exception e) {
        return e instanceof IOException
                || e instanceof UncheckedIOException
                || e instanceof InterruptedException
                || e instanceof BenchException
                || (e.getClass() == IllegalArgumentException.class && thrownByEco(e));
    }

    private static boolean thrownByEco(Exception e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("dev.eco.");
    }
}

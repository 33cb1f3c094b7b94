package dev.eco.cli;

import java.io.InputStream;

/**
 * A command that reads standard input; {@link Main#commandLine(InputStream)} replaces it in tests, so that
 * the commands can be driven in-process with piped input.
 */
abstract class ReadsInput {

    /** Null: the process's own standard input, which may be a terminal. */
    private InputStream replaced;

    final void standardInput(InputStream in) {
        replaced = in;
    }

    /** The input to read: the one a test gave, or the process's own. */
    protected final InputStream input() {
        return replaced == null ? System.in : replaced;
    }

    /** Whether a test gave the input (then it is never a terminal). */
    protected final boolean inputReplaced() {
        return replaced != null;
    }
}

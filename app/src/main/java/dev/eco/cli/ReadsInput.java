package dev.eco.cli;

import java.io.InputStream;

/** A command that reads standard input; {@link Main#commandLine(InputStream)} replaces it in tests. */
interface ReadsInput {
    void standardInput(InputStream in);
}

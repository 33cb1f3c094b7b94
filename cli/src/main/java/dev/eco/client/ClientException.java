package dev.eco.client;

import java.io.IOException;

/**
 * A client failure told to the person in one sentence (no stack trace): an unreachable server, a reply
 * that did not come in time, a server that closed the connection, an echo that differs.
 */
public final class ClientException extends IOException {

    public ClientException(String sentence) {
        super(sentence);
    }

    public ClientException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}

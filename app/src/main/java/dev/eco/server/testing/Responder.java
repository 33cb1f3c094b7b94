package dev.eco.server.testing;

/**
 * Answers the frames a {@link Script} takes, like MockWebServer's {@code Dispatcher}: called on the
 * connection's own thread, once per frame, in the order the connection sent them (connections in parallel).
 * It must be thread-safe when several connections are open.
 */
@FunctionalInterface
public interface Responder {

    /**
     * The answer to this frame; null to let eco answer it as it would without a script (the echo). An
     * exception closes that connection and is logged with its stack trace.
     */
    Answer answer(RecordedFrame frame);
}

package dev.eco.nats;

/**
 * NATS cannot be reached, or did not answer in time: the room operation did not happen (or, for a publish whose
 * acknowledgement was lost, may have happened exactly once: see docs/cluster.md). Its message is one sentence
 * fit for a user, which the rooms turn into an {@code unavailable} error reply.
 */
public final class NatsUnavailableException extends Exception {

    public NatsUnavailableException(String sentence) {
        super(sentence);
    }

    public NatsUnavailableException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}

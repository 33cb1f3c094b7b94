package dev.eco.bench;

/** A load run that cannot start or go on, with one sentence saying why. */
public final class BenchException extends RuntimeException {
    public BenchException(String sentence) {
        super(sentence);
    }

    public BenchException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}

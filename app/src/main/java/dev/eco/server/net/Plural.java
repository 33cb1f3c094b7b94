package dev.eco.server.net;

/** A count with its noun, for log lines a person reads: {@code 1 connection}, {@code 2 connections}. */
public final class Plural {

    private Plural() {}

    /** {@code n} and {@code noun}, with an {@code s} unless {@code n} is 1. */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}

package dev.eco.client;

/**
 * What a chat session reacts to, from its input (the person or a pipe) and from its link to the server.
 * One thread takes them in order, so the session's state and its output need no locks.
 */
public sealed interface ChatEvent {

    /** A line the person typed or standard input gave. */
    record Typed(String line) implements ChatEvent {}

    /** End of input: end of the pipe, Ctrl-D, or Ctrl-C at the prompt. */
    record InputEnded() implements ChatEvent {}

    /** A line (or datagram) that came from the server, without its terminator. */
    record Received(String line) implements ChatEvent {}

    /** The server closed the connection ({@code problem} null) or it broke ({@code problem} says how). */
    record Closed(String problem) implements ChatEvent {}
}

package dev.eco.chat;

/**
 * A connection as {@link Rooms} see it. Implemented by the server's line session; by a recorder in tests.
 *
 * <p>Everything a {@link Rooms} implementation sends a member (its own replies, room errors, other members'
 * messages and presence) goes through {@link #deliver}, from any thread; neither method may block. Identity
 * is the member: implementations key their state by the instance.
 */
public interface Member {

    /** The connection as logs name it, e.g. {@code tcp 127.0.0.1:41234}. */
    String name();

    /**
     * Queues a reply for the member, in the member's style; false, and nothing queued, when its queue is
     * full. The implementation then treats the member as a slow consumer: it removes it from its room and
     * calls {@link #dropSlow}.
     */
    boolean deliver(Broadcast message);

    /** Tells the member it is a slow consumer (best effort) and disconnects it. Safe to call more than once. */
    void dropSlow(Broadcast notice);
}

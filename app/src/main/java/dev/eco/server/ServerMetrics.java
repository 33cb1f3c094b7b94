package dev.eco.server;

import dev.eco.protocol.ErrorCode;

/**
 * What the server counts, in one place: every listener, session and room reports through this hook, passed
 * in at start ({@link #NONE} by default, which counts nothing and costs nothing once the JIT has seen it).
 * A Prometheus implementation lives apart from the server; tests may record.
 *
 * <p>Calls come from many threads at once (every connection's reader, the room writers, the UDP thread): an
 * implementation must be thread-safe and must never block. The hot path calls once per read and once per
 * write, never once per frame, so a batch of pipelined frames costs one call.
 */
public interface ServerMetrics {

    /** Counts nothing. */
    ServerMetrics NONE = new ServerMetrics() {
        @Override
        public boolean timesReplies() {
            return false;
        }
    };

    /** The listener a count belongs to. */
    enum ListenerKind {
        TCP,
        RAW,
        TLS,
        UDP
    }

    /**
     * Why a TCP connection ended. {@code HANDSHAKE}: a TLS handshake failed or did not finish within its
     * timeout (the connection never reached its session). {@code FRAME_TIMEOUT}: a frame begun was not
     * finished within {@code --frame-timeout}.
     */
    enum Close {
        PEER,
        QUIT,
        IDLE_TIMEOUT,
        FRAME_TIMEOUT,
        WRITE_TIMEOUT,
        SHUTDOWN,
        SLOW_CONSUMER,
        HANDSHAKE,
        ERROR
    }

    /**
     * Why a TCP connection was refused: the server had {@code --max-connections} open, or the client's address
     * had {@code --max-connections-per-address}.
     */
    enum Refusal {
        SERVER_FULL,
        ADDRESS_FULL
    }

    /** Why a UDP datagram got no reply. */
    enum UdpDrop {
        PRIVILEGED_PORT,
        RATE_LIMITED,
        REPLY_TOO_LARGE
    }

    /** A connection was accepted and is being served. */
    default void connectionOpened(ListenerKind listener) {}

    /** A connection that {@link #connectionOpened} reported has ended, for this reason. */
    default void connectionClosed(ListenerKind listener, Close reason) {}

    /** A connection was refused: the server, or the client's address, had its maximum of connections. */
    default void connectionRefused(ListenerKind listener, Refusal why) {}

    /** One read from a connection: its bytes, and the whole frames it completed (0 or more). */
    default void read(ListenerKind listener, int bytes, int frames) {}

    /**
     * One write to a connection: its bytes and frames, and the nanoseconds from the read that produced
     * them to the end of this write ({@code -1} when the write answers no read of this connection, as
     * room traffic from other members).
     */
    default void wrote(ListenerKind listener, int bytes, int frames, long nanosSinceRead) {}

    /**
     * Whether {@link #wrote} is given reply times. When false, {@code nanosSinceRead} is always {@code -1}
     * and no read or write reads the clock for it. Asked once per connection.
     */
    default boolean timesReplies() {
        return true;
    }

    /** An error reply was sent (or, for UDP, would have been, were it not dropped). */
    default void errorReply(ListenerKind listener, ErrorCode code) {}

    /** A chat frame was refused by the per-connection rate limit. */
    default void rateLimited() {}

    /** A room member was cut off as a slow consumer. */
    default void slowConsumer() {}

    /** A UDP datagram was answered. */
    default void udpAnswered(int bytesIn, int bytesOut) {}

    /** A UDP datagram was dropped without a reply. */
    default void udpDropped(UdpDrop reason, int bytesIn) {}

    /**
     * A long-lived loop ended while the server still served (it has logged why): a server that no longer
     * accepts on one port, or whose timeouts no longer run. Once per loop at most.
     */
    default void loopEnded(ServerLoop loop) {}
}

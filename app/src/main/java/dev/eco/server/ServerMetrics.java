package dev.eco.server;

import dev.eco.protocol.ErrorCode;
import dev.eco.server.testing.Fault;

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
     * timeout (the connection never reached its session). {@code FAULT}: a fault closed or reset it
     * ({@code close-after}, {@code reset-after}).
     */
    enum Close {
        PEER,
        QUIT,
        IDLE_TIMEOUT,
        WRITE_TIMEOUT,
        SHUTDOWN,
        SLOW_CONSUMER,
        HANDSHAKE,
        FAULT,
        ERROR;

        /** As a connection's closing log line says it: {@code closed by peer}, {@code idle timeout}. */
        public String described() {
            return switch (this) {
                case PEER -> "closed by peer";
                case QUIT -> "quit";
                case IDLE_TIMEOUT -> "idle timeout";
                case WRITE_TIMEOUT -> "write timeout (the client read nothing)";
                case SHUTDOWN -> "closed by shutdown";
                case SLOW_CONSUMER -> "slow consumer";
                case HANDSHAKE -> "handshake failed";
                case FAULT -> "closed by a fault";
                case ERROR -> "failed";
            };
        }
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

    /** A connection was refused because the server has its maximum of connections. */
    default void connectionRefused(ListenerKind listener) {}

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
     * A fault acted: a reply held ({@code LATENCY}), paced ({@code BANDWIDTH}) or written in pieces
     * ({@code SLICE}); a connection cut ({@code CLOSE_AFTER}, {@code RESET_AFTER}), stalled or blackholed; a
     * datagram dropped, duplicated, reordered or blackholed.
     */
    default void faultApplied(Fault.Kind fault) {}
}

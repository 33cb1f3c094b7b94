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
        UDP,
        /** WebSocket (the line protocol, message by message), and its chat page. */
        WS,
        /** WebSocket over TLS. */
        WSS
    }

    /**
     * Why a TCP connection ended. {@code HANDSHAKE}: a TLS handshake or a WebSocket upgrade failed or did not
     * finish within its timeout (the connection never reached its session). {@code FRAME_TIMEOUT}: a frame begun
     * was not finished within {@code --frame-timeout}. {@code FAULT}: a fault closed or reset it
     * ({@code close-after}, {@code reset-after}). {@code PROTOCOL}: a WebSocket client broke RFC 6455 and was
     * closed with 1002 or 1007. {@code HTTP}: a plain HTTP request on a WebSocket listener (the chat page, or an
     * error status) was answered and the connection closed.
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
        FAULT,
        ERROR,
        PROTOCOL,
        HTTP;

        /** As a connection's closing log line says it: {@code closed by peer}, {@code idle timeout}. */
        public String described() {
            return switch (this) {
                case PEER -> "closed by peer";
                case QUIT -> "quit";
                case IDLE_TIMEOUT -> "idle timeout";
                case FRAME_TIMEOUT -> "frame timeout";
                case WRITE_TIMEOUT -> "write timeout (the client read nothing)";
                case SHUTDOWN -> "closed by shutdown";
                case SLOW_CONSUMER -> "slow consumer";
                case HANDSHAKE -> "handshake failed";
                case FAULT -> "closed by a fault";
                case ERROR -> "failed";
                case PROTOCOL -> "closed for breaking the WebSocket protocol";
                case HTTP -> "answered an HTTP request";
            };
        }
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

    /**
     * A fault acted: a reply held ({@code LATENCY}), paced ({@code BANDWIDTH}) or written in pieces
     * ({@code SLICE}); a connection cut ({@code CLOSE_AFTER}, {@code RESET_AFTER}), stalled or blackholed; a
     * datagram dropped, duplicated, reordered or blackholed.
     */
    default void faultApplied(Fault.Kind fault) {}
}

package dev.eco.server.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * One accepted connection's socket, as its {@link Transport} handles it. The connection's reader thread uses
 * the streams; the other methods say how that transport wakes a reader, closes gracefully and closes by force,
 * which is where plain TCP and TLS differ (an {@code SSLSocket} cannot {@code shutdownInput} before the peer's
 * close_notify, and its {@code available()} counts only decrypted bytes).
 */
public interface Wire extends AutoCloseable {

    /** Why input is being ended by another thread. */
    enum End {
        /** The server shuts down: the reader must still get what the client already sent. */
        SHUTDOWN,
        /** The connection was idle: decline when input is waiting after all (the client just spoke). */
        IDLE,
        /** A frame took too long: the input ends now, whatever is waiting, which is only more of that frame. */
        FRAME_TIMEOUT
    }

    /** The input, on the reader thread; a TLS wire may handshake here. */
    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    SocketAddress remote();

    /** Reads on this wire time out after this long from now on (zero for never). Reader thread. */
    void readTimeout(Duration timeout) throws IOException;

    /**
     * Wakes a reader blocked on an empty read so that it sees end of stream, from any thread, without losing
     * what the client already sent (except for {@link End#FRAME_TIMEOUT}); never throws. A reader busy with
     * input is not woken: it finds the connection's ending flag at its next read. Returns false when the wire
     * declined ({@link End#IDLE} with input waiting) or could not wake the reader (the caller then closes by
     * force).
     */
    boolean endInput(End why);

    /**
     * The graceful close, on the reader thread at the very end: end of stream to the client, read away what it
     * still sends for up to {@code linger} in all (a socket closed with unread input resets the connection, and
     * the client may lose its last replies), then close.
     */
    void closeAndDrain(Duration linger);

    /**
     * Ends the output cleanly right after what was written: FIN (over TLS, close_notify and then FIN), while
     * the input stays open. For a fault that closes a connection after so many bytes; the writer's thread.
     */
    void finishOutput() throws IOException;

    /**
     * Closes now with a reset: {@code SO_LINGER} 0, so the peer gets RST (ECONNRESET), never FIN; for a fault.
     * From any thread, never throws.
     */
    void reset();

    /** Closes now, unblocking any read or write; from any thread, safe more than once, never throws. */
    @Override
    void close();
}

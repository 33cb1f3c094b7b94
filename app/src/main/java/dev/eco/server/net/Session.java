package dev.eco.server.net;

import dev.eco.server.ServerMetrics.Close;
import java.io.IOException;

/**
 * What runs on a connection once it is open: the line protocol, the raw echo, WebSocket. One per connection.
 * Most sessions answer: the connection reads, on its own thread, and hands each read to the session, which may
 * then let the connection hibernate between two reads. A session whose first read decides how it reads on
 * (WebSocket: an HTTP request, then frames) reads by itself instead, and its connection never hibernates.
 */
public sealed interface Session {

    /** Makes the session of a new connection, on that connection's thread. */
    @FunctionalInterface
    interface Factory {
        Session open(Connection connection);
    }

    /** The connection is closing, however it ended: let go of what the session holds outside it (its room). */
    default void close() {}

    /** What went through the connection, for its closing log line. */
    String counts();

    /** A session the connection hands each read to. */
    non-sealed interface Answering extends Session {

        /** Before the first read: a greeting, say. */
        default void start() throws IOException {}

        /**
         * Answers the bytes of one read, {@code buf[0, n)}; false when the session is done (quit): nothing more
         * is read.
         */
        boolean received(byte[] buf, int n) throws IOException;

        /**
         * The input ended, {@code how}: {@code PEER}, {@code IDLE_TIMEOUT}, {@code FRAME_TIMEOUT} or
         * {@code SHUTDOWN}. Answers what is left, says goodbye, and returns why the connection ends.
         */
        Close ended(Close how) throws IOException;

        /**
         * The connection has nothing to read and would wait for its next bytes without a thread (hibernate):
         * true when the session allows it, having let go of the buffers it can make again; false while another
         * thread may write to the connection (a room's writer), since a hibernated socket cannot be written.
         */
        default boolean hibernate() {
            return true;
        }
    }

    /** A session that reads its connection by itself ({@link Connection#read}) until the connection ends. */
    non-sealed interface Reading extends Session {

        /** Serves until the connection ends; returns why. */
        Close serve() throws IOException;
    }
}

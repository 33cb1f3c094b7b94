package dev.eco.server.session;

import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Style;
import java.io.IOException;
import java.time.Duration;

/**
 * Where a line session's bytes go: {@link DirectOutput} (gathered per read, one write on the reader thread)
 * outside a room, {@link QueuedOutput} (a bounded queue and its writer thread, which other members' threads
 * may feed) while in one.
 */
interface Output {

    /** The frame's own bytes and its terminator, as its reply; reader thread. False when the queue is full. */
    boolean echo(byte[] buf, int off, int len, LineEnd end);

    /** A reply to the connection's own frame; reader thread. False when the queue is full. */
    boolean send(Reply reply, Style style);

    /** Bytes for the connection from any thread (a direct output takes only its reader's); false when full. */
    boolean offer(byte[] bytes);

    /** The end of a read: what it produced goes out (a direct output writes it now, in one write). */
    void flush() throws IOException;

    /** A last notice (shutdown, idle timeout, slow consumer); nothing is accepted after it. */
    void last(byte[] notice) throws IOException;

    /**
     * Stops accepting and waits up to {@code drain} for what is queued to be written; true when it was. The
     * output is done afterwards.
     */
    boolean finish(Duration drain) throws InterruptedException;

    /** Frames written so far. */
    long framesOut();
}

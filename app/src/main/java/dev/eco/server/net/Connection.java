package dev.eco.server.net;

import dev.eco.server.ServerMetrics;
import dev.eco.server.testing.Taps;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * One TCP connection as its {@link Session} sees it: reads that shutdown or the idle timeout can end, timed
 * and counted writes, and the means to end it. Whatever the transport, a session sees only this.
 */
public interface Connection {

    /** The peer as logs and thread names show it: {@code 127.0.0.1:41234}. */
    String name();

    ServerMetrics.ListenerKind listener();

    ServerMetrics metrics();

    /** The connection's number: 1, 2, … in the order connections opened, for recorded frames. */
    long id();

    /** The peer's address, for recorded frames. */
    InetSocketAddress remote();

    /**
     * What the test controls (faults, recording, script) had on at the last {@link #read}; the write that
     * answers that read goes by the same. Reader thread.
     */
    Taps.Now taps();

    /**
     * Reads into {@code buf}; -1 at end of stream, whether the client ended it or shutdown or the idle timeout
     * did ({@link #inputEnd()} then says which). Reader thread only.
     */
    int read(byte[] buf) throws IOException;

    /** After {@link #read} returned -1: {@code PEER}, {@code SHUTDOWN}, {@code IDLE_TIMEOUT} or {@code FRAME_TIMEOUT}. */
    ServerMetrics.Close inputEnd();

    /**
     * After each read, from a session with frames: how many frames the connection has completed, and whether
     * the read ended in the middle of the next one. The frame timeout counts from the read that began it.
     * Reader thread only.
     */
    void frameProgress(long framesCompleted, boolean inFrame);

    /**
     * Writes and counts one batch: {@code frames} frames; {@code answersRead} when it answers this connection's
     * last read (not room traffic). One thread at a time: the reader, or the room writer while in a room.
     */
    void write(byte[] bytes, int off, int len, int frames, boolean answersRead) throws IOException;

    /**
     * Records why another thread ends this connection (slow consumer, write timeout); the first reason is
     * the one logged and counted. True when this call's reason was the first.
     */
    boolean endedBy(ServerMetrics.Close reason);

    /** Closes now, unblocking the reader and any write; from any thread, safe more than once. */
    void forceClose();
}

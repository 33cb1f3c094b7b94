package dev.eco.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import org.tinylog.Logger;

/**
 * What every TCP connection shares, line or raw: it owns its socket (closed when {@link #run} ends, however
 * it ends), reads through a {@link ConnectionInput} that shutdown can end without losing what arrived, times
 * its writes so that a client that reads nothing can be found, and logs one line when it opens and one when
 * it closes.
 */
abstract class TcpConnection implements Connection {

    /** The first read buffer; it doubles while reads fill it, up to {@link #MAX_READ_BUFFER}. */
    static final int INITIAL_READ_BUFFER = 2048;
    static final int MAX_READ_BUFFER = 64 * 1024;
    /** At close, how long and how much of the client's remaining input is read away before the socket closes. */
    static final Duration LINGER = Duration.ofMillis(200);
    static final int LINGER_BYTES = 64 * 1024;

    protected final Socket socket;
    protected final ConnectionInput input;
    /** The peer as logs and thread names show it: {@code 127.0.0.1:41234}. */
    protected final String name;
    private final String kind;
    private final WriteClock writeClock = new WriteClock();
    private volatile boolean shuttingDown;
    /** Why the connection ended, when another thread decided it (slow consumer, write timeout); else null. */
    private volatile String endedBy;

    TcpConnection(String kind, Socket socket, Duration idleTimeout) {
        this.kind = kind;
        this.socket = socket;
        this.input = new ConnectionInput(socket, idleTimeout);
        this.name = Peers.describe(socket.getRemoteSocketAddress());
    }

    @Override
    public final void run() {
        long started = System.nanoTime();
        Logger.info("{} {} opened", kind, name);
        String ending = "closed";
        try (socket) {
            input.open();
            ending = serve();
            shutdownAndDrain(socket, LINGER);
        } catch (IOException e) {
            // A peer that went away (reset, broken pipe) is routine, not a server problem.
            ending = "broken (" + e.getMessage() + ")";
            Logger.debug("{} {}: {}", kind, name, e.toString());
        } finally {
            Logger.info("{} {} {} after {} ms, {}", kind, name, endedBy == null ? ending : endedBy,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), counts());
        }
    }

    /**
     * Closing a socket with unread input makes the kernel send a reset, and the client may then lose the last
     * replies (a pipelined {@code quit} followed by more frames, a {@code server_full} notice). So: send end of
     * stream, read away what the client still sends for up to {@code wait} (and {@link #LINGER_BYTES}), and only
     * then let the socket close.
     */
    static void shutdownAndDrain(Socket socket, Duration wait) {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout((int) wait.toMillis());
            byte[] sink = new byte[4096];
            for (int total = 0, n; total < LINGER_BYTES && (n = socket.getInputStream().read(sink)) >= 0; ) {
                total += n;
            }
        } catch (IOException e) {
            // gone, reset or silent: nothing left to protect
        }
    }

    /** Serves the connection until it ends; returns how it ended, for the log. The socket is open. */
    protected abstract String serve() throws IOException;

    /** What went through the connection, for its closing log line. */
    protected abstract String counts();

    /** A read buffer twice as large when the last read filled this one: the client sends faster than we read. */
    protected static byte[] grow(byte[] buf, int lastRead) {
        return lastRead == buf.length && buf.length < MAX_READ_BUFFER ? new byte[buf.length * 2] : buf;
    }

    /** Writes on the connection's own thread, timed so that the write timeout can find it blocked. */
    protected final void write(OutputStream out, byte[] bytes, int off, int len) throws IOException {
        writeClock.start();
        try {
            out.write(bytes, off, len);
        } finally {
            writeClock.stop();
        }
    }

    protected final boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Records why another thread ended this connection; the first reason is the one logged. */
    protected final void endedBy(String why) {
        if (endedBy == null) {
            endedBy = why;
        }
    }

    @Override
    public void beginShutdown() {
        shuttingDown = true;
        try {
            input.end(); // the reader sees end of stream once it has read what the client already sent
        } catch (IOException e) {
            forceClose();
        }
    }

    @Override
    public long writeBlockedNanos(long now) {
        return writeClock.blockedNanos(now);
    }

    @Override
    public void abandon(String why) {
        endedBy(why);
        forceClose();
    }

    @Override
    public void forceClose() {
        try {
            socket.close();
        } catch (IOException e) {
            Logger.debug("{} {} close: {}", kind, name, e.getMessage());
        }
    }
}

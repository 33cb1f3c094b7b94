package dev.eco.server.net;

import dev.eco.server.ServerMetrics;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.testing.Taps;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.tinylog.Logger;

/**
 * The lifecycle of one TCP connection, whatever its session: open, serve, drain, close, and from other
 * threads shutdown, idle expiry and force-close. Runs on the connection's own virtual thread; owns its wire
 * (closed when {@link #run} ends, however it ends); logs one DEBUG line when it opens and one when it closes.
 */
public final class ConnectionHandler implements Runnable, Connection {

    /** At close, how long in all the client's remaining input is read away before the socket closes. */
    static final Duration LINGER = Duration.ofMillis(200);

    private final Wire wire;
    private final ServerMetrics.ListenerKind listener;
    private final ServerMetrics metrics;
    private final Session.Factory sessions;
    private final Taps taps;
    private final long id;
    private final String name;
    private final String kind;
    private final ConnectionInput input;
    private final Activity activity = new Activity(System.nanoTime());
    /** Whether the metrics take reply times; else no read or write reads the clock. */
    private final boolean timesReplies;
    /**
     * {@link System#nanoTime()} after the last read that returned bytes, when {@link #timesReplies}. Reader
     * thread only: the writes that answer a read are its own (a room's writer passes {@code answersRead} false).
     */
    private long readAt;
    /** What the test controls had on at the last read: the write that answers it goes by the same. */
    private Taps.Now now = Taps.Now.NOTHING;

    private final AtomicReference<Close> endedBy = new AtomicReference<>();
    private volatile boolean shuttingDown;
    private final ConnectionOutput output;
    private Session session;

    public ConnectionHandler(
            Wire wire,
            ServerMetrics.ListenerKind listener,
            ServerMetrics metrics,
            Session.Factory sessions,
            Taps taps) {
        this.wire = wire;
        this.listener = listener;
        this.metrics = metrics;
        this.sessions = sessions;
        this.taps = taps;
        this.id = taps.nextConnection();
        this.name = Peers.describe(wire.remote());
        this.kind = listener.name().toLowerCase(Locale.ROOT);
        this.input = new ConnectionInput(wire);
        this.output = new ConnectionOutput(wire, activity, taps, this);
        this.timesReplies = metrics.timesReplies();
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        Logger.debug("{} {} opened", kind, name);
        metrics.connectionOpened(listener);
        Close reason = Close.ERROR;
        try (wire) {
            try {
                output.holdIfBlackholed();
                input.open();
                output.open();
                session = sessions.open(this);
                reason = session.serve();
                wire.closeAndDrain(LINGER);
            } catch (FaultCut cut) {
                // inside the try: a graceful cut must close the usual way before the wire is closed
                reason = cut.reason();
                Logger.debug("{} {}: {}", kind, name, cut.getMessage());
                if (cut.graceful()) {
                    wire.closeAndDrain(LINGER);
                }
            }
        } catch (IOException e) {
            // A peer that went away (reset, broken pipe, a failed handshake) is routine, not a server problem.
            reason = e instanceof HandshakeException ? Close.HANDSHAKE : Close.PEER;
            Logger.debug("{} {}: {}", kind, name, e.toString());
        } catch (RuntimeException e) {
            Logger.warn(e, "{} {} failed", kind, name);
        } finally {
            Close decided = endedBy.get();
            Close why = decided == null ? reason : decided;
            metrics.connectionClosed(listener, why);
            Logger.debug(
                    "{} {} {} after {} ms{}",
                    kind,
                    name,
                    why.described(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    session == null ? "" : ", " + session.counts());
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ServerMetrics.ListenerKind listener() {
        return listener;
    }

    @Override
    public ServerMetrics metrics() {
        return metrics;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public InetSocketAddress remote() {
        return wire.remote() instanceof InetSocketAddress inet ? inet : null;
    }

    @Override
    public Taps.Now taps() {
        return now;
    }

    @Override
    public int read(byte[] buf) throws IOException {
        int n = input.read(buf, activity.busy());
        now = taps.now();
        if (n > 0) {
            activity.read();
            if (timesReplies) {
                readAt = System.nanoTime();
            }
        }
        return n;
    }

    @Override
    public Close inputEnd() {
        if (input.frameExpired()) {
            return Close.FRAME_TIMEOUT;
        }
        return input.idleExpired() ? Close.IDLE_TIMEOUT : shuttingDown ? Close.SHUTDOWN : Close.PEER;
    }

    @Override
    public void frameProgress(long framesCompleted, boolean inFrame) {
        activity.frame(inFrame ? framesCompleted + 1 : 0);
    }

    @Override
    public void write(byte[] bytes, int off, int len, int frames, boolean answersRead) throws IOException {
        output.write((answersRead ? now : taps.now()).faults(), bytes, off, len);
        metrics.wrote(listener, len, frames, answersRead && timesReplies ? System.nanoTime() - readAt : -1);
    }

    @Override
    public boolean endedBy(Close reason) {
        return endedBy.compareAndSet(null, reason);
    }

    /** The reason another thread recorded, or null; for tests. */
    Close endedBy() {
        return endedBy.get();
    }

    /**
     * Stop reading: answer what was received, send the shutdown notice, then close; a client still sending at
     * {@code readUntil} ({@link System#nanoTime()}) is read no further. From another thread.
     */
    void beginShutdown(long readUntil) {
        shuttingDown = true;
        output.endHold(Close.SHUTDOWN);
        if (!input.end(readUntil)) {
            forceClose();
        }
    }

    /** Ends an idle connection the protocol's way (a notice, then close); from the sweeper thread. */
    void expireIdle() {
        if (!output.endHold(Close.IDLE_TIMEOUT)) { // a fault's hold ends at once: no notice can be sent
            input.expireIdle(); // the reader then sees end of stream and ends the connection as idle
        }
    }

    /** Ends a connection whose frame took too long the protocol's way (a notice, then close); sweeper. */
    void expireFrame() {
        if (!input.expireFrame()) {
            forceClose();
        }
    }

    /** How long the frame this connection began has waited for its end, in nanoseconds; 0 between frames. Sweeper. */
    long openFrameNanos(long now) {
        return activity.openFrameNanos(now);
    }

    /** How long this connection's write in progress has been blocked, in nanoseconds; 0 when none is. Sweeper. */
    long writeBlockedNanos(long now) {
        return activity.blockedNanos(now);
    }

    /** How long nothing has been read from or written to this connection, in nanoseconds. Sweeper. */
    long idleNanos(long now) {
        return activity.quietNanos(now);
    }

    /** Whether the server's CPU is busy, for the reader's yield. Sweeper. */
    void serverBusy(boolean busy) {
        activity.busy(busy);
    }

    /** Ends a connection whose client has not read for too long: closed by force. */
    void abandon(Close why) {
        endedBy(why);
        forceClose();
    }

    @Override
    public void forceClose() {
        wire.close();
        output.closed();
    }
}

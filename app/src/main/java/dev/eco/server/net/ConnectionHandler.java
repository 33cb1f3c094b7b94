package dev.eco.server.net;

import dev.eco.server.ServerMetrics;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.testing.Taps;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.tinylog.Logger;

/**
 * The lifecycle of one TCP connection, whatever its session: open, serve, drain, close, and from other
 * threads shutdown, idle expiry and force-close. Runs on the connection's own virtual thread, in turns: a
 * connection that hibernates ({@link Hibernation}) gives up its thread between two reads and gets a new one when
 * bytes arrive. Owns its wire (closed when the connection ends, however it ends); logs one DEBUG line when it
 * opens and one when it closes.
 */
public final class ConnectionHandler implements Connection {

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
    private final Activity activity;
    private final ConnectionInput input;
    /** Whether the metrics take reply times; else no read or write reads the clock. */
    private final boolean timesReplies;

    private final AtomicReference<Close> endedBy = new AtomicReference<>();
    private final long openedAt = System.nanoTime();
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
        this.kind = kind(listener);
        this.timesReplies = metrics.timesReplies();
        this.activity = new Activity(openedAt);
        this.input = new ConnectionInput(wire, activity, timesReplies, taps);
        this.output = new ConnectionOutput(wire, activity, taps, this);
    }

    /**
     * One turn of the connection on a virtual thread ({@link Connections} starts them): the first opens it; each
     * reads and answers until the input ends, then closes the connection and returns false, or until the
     * connection hibernates: then it returns true, its {@link #channel()} non-blocking, and the thread ends.
     */
    boolean turn() {
        Close reason = Close.ERROR;
        boolean hibernating = false;
        try {
            boolean resumed = session != null;
            if (resumed) {
                wire.wake();
            } else {
                open();
            }
            reason = input.serve(session, resumed);
            if (reason == null) {
                hibernating = true;
                return true;
            }
            wire.closeAndDrain(LINGER);
        } catch (FaultCut cut) {
            reason = cut.reason();
            Logger.debug("{} {}: {}", kind, name, cut.getMessage());
            if (cut.graceful()) {
                wire.closeAndDrain(LINGER); // before closed() closes the wire: a graceful cut closes the usual way
            }
        } catch (IOException e) {
            // A peer that went away (reset, broken pipe, a failed handshake) is routine, not a server problem.
            reason = e instanceof HandshakeException ? Close.HANDSHAKE : Close.PEER;
            Logger.debug("{} {}: {}", kind, name, e.toString());
        } catch (RuntimeException e) {
            Logger.warn(e, "{} {} failed", kind, name);
        } finally {
            if (!hibernating) {
                closed(reason);
            }
        }
        return false;
    }

    private void open() throws IOException {
        Logger.debug("{} {} opened", kind, name);
        metrics.connectionOpened(listener);
        output.holdIfBlackholed();
        input.open();
        output.open();
        session = sessions.open(this);
        if (session instanceof Session.Answering answering) {
            answering.start();
        }
    }

    /** The end of the connection, however it ended: the wire closes, and the end is counted and logged. */
    private void closed(Close reason) {
        wire.close();
        Close decided = endedBy.get();
        Close why = decided == null ? reason : decided;
        metrics.connectionClosed(listener, why);
        Logger.debug(
                "{} {} {} after {} ms{}",
                kind,
                name,
                why.described(),
                Duration.ofNanos(System.nanoTime() - openedAt).toMillis(),
                session == null ? "" : ", " + session.counts());
    }

    /** A constant per kind: an idle connection keeps no string of its own for it. */
    private static String kind(ServerMetrics.ListenerKind listener) {
        return switch (listener) {
            case TCP -> "tcp";
            case RAW -> "raw";
            case TLS -> "tls";
            case WS -> "ws";
            case WSS -> "wss";
            case UDP -> "udp";
        };
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
        return input.taps();
    }

    @Override
    public int read(byte[] buf) throws IOException {
        return input.read(buf);
    }

    @Override
    public Close inputEnd() {
        return input.end();
    }

    @Override
    public void frameProgress(long framesCompleted, boolean inFrame) {
        activity.frame(inFrame ? framesCompleted + 1 : 0);
    }

    @Override
    public void write(byte[] bytes, int off, int len, int frames, boolean answersRead) throws IOException {
        output.write((answersRead ? input.taps() : taps.now()).faults(), bytes, off, len);
        metrics.wrote(listener, len, frames, answersRead && timesReplies ? System.nanoTime() - input.readAt() : -1);
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

    /** Ends a connection whose client has not read for too long: closed by force. */
    void abandon(Close why) {
        endedBy(why);
        forceClose();
    }

    /** Its traffic as the sweeper sees it, and the sweeper's flags for its reader. */
    Activity activity() {
        return activity;
    }

    /** The channel a hibernated connection waits on, non-blocking after {@link #turn()} returned true. */
    SelectableChannel channel() {
        return wire.channel();
    }

    /** The name of the connection's threads: {@code eco-tcp 127.0.0.1:41234}. */
    String threadName() {
        return "eco-" + kind + " " + name;
    }

    @Override
    public void forceClose() {
        wire.close();
        output.closed();
    }
}

package dev.eco.server.session;

import dev.eco.chat.Broadcast;
import dev.eco.chat.ChatLimits;
import dev.eco.chat.Member;
import dev.eco.protocol.Codec;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Style;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.net.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tinylog.Logger;

/**
 * A line session's output strategy and its face as a room member: direct outside a room, queued from just
 * before a join until the member leaves or the join fails, then direct again. Other members' threads reach
 * the connection only through {@link #deliver} and {@link #dropSlow}.
 */
final class SessionMember implements Member {

    /** How long a queue may take to be written when the member leaves or the connection closes. */
    static final Duration DRAIN = Duration.ofSeconds(2);
    /** How long a slow consumer gets to take its {@code slow_consumer} notice before it is disconnected. */
    static final Duration SLOW_CONSUMER_GRACE = Duration.ofSeconds(1);

    /** Opens the queued output; a seam for tests. */
    @FunctionalInterface
    interface Queues {
        Output open(Connection connection, Codec codec, ChatLimits limits, Runnable onWriteFailure, Framing framing);
    }

    private final Connection connection;
    private final Codec codec;
    private final ChatLimits limits;
    private final Queues queues;
    private final Framing framing;
    private final DirectOutput direct;
    private final AtomicBoolean dropping = new AtomicBoolean();
    private volatile Output current;
    /** The style of the client's last frame: the style of everything the server sends it unasked. */
    private volatile Style style = Style.TEXT;
    /** Frames written by queues that are done. */
    private long queuedFramesOut;

    SessionMember(Connection connection, Codec codec, ChatLimits limits, Queues queues, Framing framing) {
        this.connection = connection;
        this.codec = codec;
        this.limits = limits;
        this.queues = queues;
        this.framing = framing;
        this.direct = new DirectOutput(connection, codec, framing);
        this.current = direct;
    }

    Output current() {
        return current;
    }

    /** The calling thread reads the connection from now on (a hibernated one resumes on a new thread). */
    void readOn() {
        direct.readOn();
    }

    boolean isQueued() {
        return current != direct;
    }

    /** Per frame: a volatile store only when the style changes, which is rare, since only rooms need it. */
    void noteStyle(Style value) {
        if (!value.equals(style)) {
            style = value;
        }
    }

    Style style() {
        return style;
    }

    /** Switches to the queue, before a join; false when it could not be opened (the caller must not join). */
    boolean queue() {
        if (isQueued()) {
            return true;
        }
        try {
            direct.flush(); // what was answered before goes first
            current = queues.open(connection, codec, limits, connection::forceClose, framing);
            return true;
        } catch (Exception e) {
            Logger.warn("{}: cannot open its room queue: {}", name(), e.toString());
            connection.forceClose();
            return false;
        }
    }

    /**
     * Whether the connection may hibernate: only on the direct output, where no other thread writes to it; its
     * reply buffer is given back meanwhile.
     */
    boolean hibernate() {
        if (isQueued()) {
            return false;
        }
        direct.release();
        return true;
    }

    /** Back to direct after a leave or a failed join, once the queue is written; reader thread. */
    void unqueue() {
        Output queued = current;
        if (queued == direct) {
            return;
        }
        finish(queued);
        current = direct;
    }

    /** The connection ends: what is queued is written, within {@link #DRAIN}. */
    void finish() {
        unqueue();
    }

    private void finish(Output queued) {
        try {
            if (!queued.finish(DRAIN)) {
                connection.endedBy(Close.SLOW_CONSUMER);
                connection.forceClose();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queuedFramesOut += queued.framesOut();
    }

    long framesOut() {
        return direct.framesOut() + queuedFramesOut;
    }

    /** Made when asked (logs, a room's slow consumer): an idle connection keeps no string for it. */
    @Override
    public String name() {
        return connection.listener().name().toLowerCase(Locale.ROOT) + " " + connection.name();
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public boolean deliver(Broadcast message) {
        if (message.reply() instanceof ErrorReply error) {
            connection.metrics().errorReply(connection.listener(), error.code());
        }
        Style to = style;
        return current.offer(framing.wrap(message.bytes(to), to.lineEnd()));
    }

    /**
     * Called by whichever thread found the queue full: a last notice, a short grace to write it, then close.
     * Only the first call acts.
     */
    @Override
    public void dropSlow(Broadcast notice) {
        if (!dropping.compareAndSet(false, true)) {
            return;
        }
        connection.metrics().slowConsumer();
        if (notice.reply() instanceof ErrorReply error) {
            connection.metrics().errorReply(connection.listener(), error.code());
        }
        connection.endedBy(Close.SLOW_CONSUMER);
        Output queued = current;
        if (queued == direct) {
            connection.forceClose();
            return;
        }
        try {
            Style to = style;
            queued.last(framing.last(notice.bytes(to), to.lineEnd(), Close.SLOW_CONSUMER));
        } catch (java.io.IOException e) {
            connection.forceClose();
            return;
        }
        Thread.ofVirtual().name("eco-drop " + connection.name()).start(() -> {
            try {
                queued.finish(SLOW_CONSUMER_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                connection.forceClose();
            }
        });
    }

    /** The connection's own reply did not fit its queue: it is a slow consumer like any other. */
    void overflowed() {
        dropSlow(new Broadcast(limits.slowConsumer(), codec));
    }
}

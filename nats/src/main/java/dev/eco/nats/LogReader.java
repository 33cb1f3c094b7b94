package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Reads the room stream's records under one subject filter, from a given sequence on, each record once and in
 * stream order, for as long as the node runs, whatever happens to the NATS servers.
 *
 * <p>The reader is a JetStream ordered consumer. nats-server 2.9 places it on a random server of the stream's
 * replicas, not necessarily the one the node is connected to, and nothing tells the client when that server
 * dies except missing heartbeats. So the reader replaces its consumer from the last sequence it handed over
 * plus one when the node reconnects, and when jnats's heartbeat alarm fires, and keeps trying (a new consumer
 * may land on a dead server again, or wait for a new meta leader: {@link RoomConsumers}) until one works,
 * waiting for the connection meanwhile; one replacement at a time.
 *
 * <p>A record at or below the last sequence handed over is dropped, so a replaced consumer's stragglers and the
 * new one's first records are never handed over twice, and since the hand-over holds this reader's monitor,
 * they cannot interleave either.
 */
final class LogReader implements AutoCloseable {

    private static final Duration TRY_EVERY = Duration.ofMillis(200);

    private static final long STUCK_AFTER = Duration.ofSeconds(10).toNanos();

    private final NatsLink link;
    private final String stream;
    private final String filter;
    private final Consumer<Message> handler;
    private final String name;
    /**
     * When the replacement under way started (0: none). Alarms and reconnects meanwhile ask for nothing more,
     * unless it has taken longer than {@link #STUCK_AFTER}: then a jnats call hangs, and another one starts.
     */
    private final AtomicLong replacingSince = new AtomicLong();

    /** One reference, so that closing can take it back from the link. */
    private final Runnable replacer = this::replace;
    /** The last stream sequence handed over; guarded by this reader's monitor, like the whole hand-over. */
    private long lastSeq;

    private MessageConsumer consumer;
    private boolean closed;

    /**
     * Starts reading {@code stream}'s {@code filter} after {@code afterSeq}, trying for up to the failover wait.
     *
     * @param handler gets each record once, in stream order, on jnats's thread; it must not block
     */
    LogReader(NatsLink link, String stream, String filter, long afterSeq, Consumer<Message> handler)
            throws NatsUnavailableException {
        this.link = link;
        this.stream = stream;
        this.filter = filter;
        this.handler = handler;
        this.name = "nats-reader " + link.settings().node() + " " + filter;
        this.lastSeq = afterSeq;
        this.consumer = Failover.call(
                link,
                "cannot start reading the room stream",
                () -> RoomConsumers.open(link, stream, filter, afterSeq + 1, 1, this::handle));
        link.onReconnectRun(replacer);
        link.onStall(replacer);
    }

    /** The last stream sequence handed over. */
    synchronized long lastSeq() {
        return lastSeq;
    }

    /**
     * Starts replacing the consumer on a thread of its own, unless a replacement is under way: that one reads from
     * the last sequence handed over when it tries, which is all a later call could ask for. (A later call that
     * superseded it instead would throw away a consumer that took longer to make than the alarms come, every
     * time, on a slow server.)
     */
    void replace() {
        long now = System.nanoTime();
        long since = replacingSince.get();
        if ((since != 0 && now - since < STUCK_AFTER) || !replacingSince.compareAndSet(since, now)) {
            return;
        }
        Thread.ofVirtual().name(name).start(() -> {
            try {
                replaceUntilDone();
            } finally {
                replacingSince.compareAndSet(now, 0);
            }
        });
    }

    private void replaceUntilDone() {
        for (int tries = 1; ; tries++) {
            if (link.awaitAvailable(Failover.RECONNECT_GRACE) && replaced(tries)) {
                return;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            try {
                Thread.sleep(TRY_EVERY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * One try: a new consumer from the last sequence handed over plus one, then the old one retired. The old one
     * runs until then: if this try fails, whatever jnats's own reset makes of it keeps reading meanwhile.
     */
    private boolean replaced(int tries) {
        MessageConsumer old;
        long from;
        synchronized (this) {
            if (closed) {
                return true;
            }
            old = consumer;
            from = lastSeq + 1;
        }
        // No lock across the round trips: the old consumer's handler must stay free to run (and finish) meanwhile;
        // whatever both consumers deliver is dropped by the sequence check in handle().
        try {
            MessageConsumer fresh = RoomConsumers.open(link, stream, filter, from, tries, this::handle);
            synchronized (this) {
                if (closed) {
                    RoomConsumers.retire(fresh);
                    return true;
                }
                consumer = fresh;
            }
            // on a thread of its own: closing a consumer whose server is gone may wait, and nothing needs to
            Thread.ofVirtual().name(name + " retired").start(() -> RoomConsumers.retire(old));
            Logger.info(
                    "node {}: reading the rooms again from sequence {}",
                    link.settings().node(),
                    from);
            return true;
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            // RuntimeException too: jnats's consume() can fail with a NullPointerException while the
            // connection is not fully back; trying again a moment later works
            Logger.debug(
                    "node {}: room reader not replaced yet: {}", link.settings().node(), e.toString());
            return false;
        }
    }

    /** On the consumer's own thread, one record at a time, in stream order. */
    private synchronized void handle(Message message) {
        long seq = message.metaData().streamSequence();
        if (closed || seq <= lastSeq) {
            return; // already handed over before a consumer reset, or by the consumer just replaced
        }
        lastSeq = seq;
        handler.accept(message);
    }

    @Override
    public void close() {
        link.forget(replacer);
        MessageConsumer last;
        synchronized (this) {
            closed = true;
            last = consumer;
        }
        RoomConsumers.retire(last); // outside the monitor: jnats may wait for a handler that waits for the monitor
    }

    boolean closed() {
        synchronized (this) {
            return closed;
        }
    }
}

package dev.eco.nats;

import io.nats.client.ConsumeOptions;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Reads the room stream's records under one subject filter, from a given sequence on, each record once and in
 * stream order, for as long as the node runs, whatever happens to the NATS servers.
 *
 * <p>The reader is a JetStream ordered consumer. nats-server 2.9 places it on a random server of the stream's
 * replicas, not necessarily the one the node is connected to, and nothing tells the client when that server
 * dies except missing heartbeats. So the reader replaces its consumer from the last sequence it handed over
 * plus one when the node reconnects, and when jnats's heartbeat alarm fires, and keeps trying (the first try
 * bounded by {@link #TRY_TIMEOUT}: a new consumer may land on a dead server again, or wait for a new meta
 * leader) until one works, waiting for the connection meanwhile. A record at or below the last sequence handed over is dropped, so a replaced consumer's
 * stragglers and the new one's first records are never handed over twice, and since the hand-over holds this
 * reader's monitor, they cannot interleave either.
 */
final class LogReader implements AutoCloseable {

    /**
     * A pull lasts this long; jnats expects a heartbeat every half of it and raises its alarm after about three
     * missed ones, so a consumer whose server died is replaced within about 1.5 to 3 s.
     */
    private static final long PULL_EXPIRES_MILLIS = 1_000;
    /** One try to create a consumer: short, because the next try may be placed on a server that is alive. */
    private static final Duration TRY_TIMEOUT = Duration.ofSeconds(1);

    private static final Duration TRY_EVERY = Duration.ofMillis(200);

    private final NatsLink link;
    private final String filter;
    private final Consumer<Message> handler;
    private final String name;
    private final AtomicInteger generation = new AtomicInteger();
    /** The last stream sequence handed over; guarded by this reader's monitor, like the whole hand-over. */
    private long lastSeq;

    private MessageConsumer consumer;
    private boolean closed;

    /**
     * Starts reading {@code filter} after {@code afterSeq}, trying for up to the failover wait.
     *
     * @param handler gets each record once, in stream order, on jnats's thread; it must not block
     */
    LogReader(NatsLink link, String filter, long afterSeq, Consumer<Message> handler) throws NatsUnavailableException {
        this.link = link;
        this.filter = filter;
        this.handler = handler;
        this.name = "nats-reader " + link.settings().node() + " " + filter;
        this.lastSeq = afterSeq;
        this.consumer = Failover.call(
                link, "cannot start reading the room stream", () -> consumeFrom(afterSeq + 1, TRY_TIMEOUT));
        link.onReconnect(this::replace);
        link.onStall(this::replace);
    }

    /** The last stream sequence handed over. */
    synchronized long lastSeq() {
        return lastSeq;
    }

    private MessageConsumer consumeFrom(long seq, Duration timeout) throws IOException, JetStreamApiException {
        return link.connection()
                .getStreamContext(
                        link.settings().streamName(),
                        JetStreamOptions.builder().requestTimeout(timeout).build())
                .createOrderedConsumer(new OrderedConsumerConfiguration()
                        .filterSubject(filter)
                        .deliverPolicy(DeliverPolicy.ByStartSequence)
                        .startSequence(seq))
                .consume(ConsumeOptions.builder().expiresIn(PULL_EXPIRES_MILLIS).build(), this::handle);
    }

    /** Starts replacing the consumer on a thread of its own; a later call supersedes an earlier one. */
    private void replace() {
        int mine = generation.incrementAndGet();
        Thread.ofVirtual().name(name).start(() -> replace(mine));
    }

    private void replace(int mine) {
        for (int tries = 1; generation.get() == mine; tries++) {
            if (link.awaitAvailable(Failover.RECONNECT_GRACE) && replaced(mine, tries)) {
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
     * One try: a new consumer from the last sequence handed over plus one, then the old one stopped. The old one
     * runs until then: if this try fails, its heartbeat alarm (or jnats's own reset) is still there to try again.
     */
    private boolean replaced(int mine, int tries) {
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
            MessageConsumer fresh = consumeFrom(from, tryTimeout(tries));
            synchronized (this) {
                if (closed || generation.get() != mine) {
                    fresh.stop();
                    return true;
                }
                consumer = fresh;
            }
            retire(old);
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

    /**
     * The first try is short, so that a consumer placed on a dead server is placed again soon; later ones get up
     * to the request timeout, for a server that is slow to answer (recovering its store, or a loaded machine).
     */
    private Duration tryTimeout(int tries) {
        Duration grown = TRY_TIMEOUT.multipliedBy(tries);
        return grown.compareTo(link.settings().requestTimeout()) < 0
                ? grown
                : link.settings().requestTimeout();
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

    /** Stops a consumer and drops its subscription (a stopped one would otherwise finish its pull first). */
    private static void retire(MessageConsumer consumer) {
        consumer.stop();
        try {
            consumer.close();
        } catch (Exception e) {
            Logger.debug("closing a room consumer: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        retire(consumer);
    }
}

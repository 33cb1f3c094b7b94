package dev.eco.nats;

import io.nats.client.ConsumeOptions;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinylog.Logger;

/**
 * The node's one reader of the room log: a single JetStream ordered consumer over every room's subjects,
 * started at the end of the stream when the node starts, handing each record to the local members of its
 * room.
 *
 * <p>One consumer per node rather than one per room: the order is the stream's total order either way, but one
 * consumer costs the server one consumer per node instead of one per room per node, a join needs no consumer
 * round trip (the feed is already reading when the join is published, which is what makes
 * {@link RoomSubscription}'s seam exact), and there is one position to resume from after NATS comes back. The
 * price: a node receives the records of rooms it has no member in, and drops them.
 *
 * <p>jnats's ordered consumer recreates itself after a gap or missed heartbeats, from the last stream sequence it
 * handed over plus one; after a reconnect the feed replaces it at once, from its own last sequence plus one. It
 * drops any record at or below the last sequence it handed over, so a member never sees one twice or out of
 * order, and since the hand-over holds the feed's monitor, a replaced consumer's stragglers cannot interleave.
 */
public final class RoomFeed implements AutoCloseable {

    /** Short pull expiries make jnats notice a dead consumer by missing heartbeats within seconds. */
    private static final long PULL_EXPIRES_MILLIS = 2_000;

    private final ConcurrentHashMap<String, CopyOnWriteArrayList<RoomSubscription>> rooms = new ConcurrentHashMap<>();
    private final NatsLink link;
    private final String subjects;
    /** The last stream sequence handed over; guarded by this feed's monitor, like the whole hand-over. */
    private long lastSeq;

    private MessageConsumer consumer;
    private final AtomicInteger reconnects = new AtomicInteger();
    private boolean closed;

    private RoomFeed(NatsLink link, RoomLog log) throws NatsUnavailableException {
        this.link = link;
        this.subjects = log.allRooms();
        try {
            lastSeq = link.management()
                    .getStreamInfo(link.settings().streamName())
                    .getStreamState()
                    .getLastSequence();
            consumer = consumeFrom(lastSeq + 1);
        } catch (IOException | JetStreamApiException e) {
            throw new NatsUnavailableException("cannot start reading the room stream from NATS: " + e.getMessage(), e);
        }
        link.onReconnect(() -> {
            int generation = reconnects.incrementAndGet(); // a later reconnect supersedes this resume
            Thread.ofVirtual()
                    .name("nats-feed-resume " + link.settings().node())
                    .start(() -> resume(generation));
        });
    }

    private MessageConsumer consumeFrom(long seq) throws IOException, JetStreamApiException {
        OrderedConsumerContext ordered = link.connection()
                .getStreamContext(link.settings().streamName())
                .createOrderedConsumer(new OrderedConsumerConfiguration()
                        .filterSubject(subjects)
                        .deliverPolicy(DeliverPolicy.ByStartSequence)
                        .startSequence(seq));
        return ordered.consume(
                ConsumeOptions.builder().expiresIn(PULL_EXPIRES_MILLIS).build(), this::handle);
    }

    /**
     * NATS came back: the server may have lost the consumer (a restart forgets ephemeral consumers), so read on
     * from the last sequence handed over with a new one rather than wait for jnats to notice.
     */
    private void resume(int generation) {
        while (link.available() && reconnects.get() == generation) {
            MessageConsumer old;
            long from;
            synchronized (this) {
                if (closed) {
                    return;
                }
                old = consumer;
                from = lastSeq + 1;
            }
            // No lock across the round trips: the old consumer's handler must stay free to run (and finish) meanwhile;
            // whatever both consumers deliver is dropped by the sequence check in handle().
            try {
                old.stop();
                MessageConsumer fresh = consumeFrom(from);
                synchronized (this) {
                    if (closed || reconnects.get() != generation) {
                        fresh.stop();
                        return;
                    }
                    consumer = fresh;
                }
                Logger.info(
                        "node {}: reading the rooms again from sequence {}",
                        link.settings().node(),
                        from);
                return;
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                // RuntimeException too: jnats's consume() can fail with a NullPointerException while the
                // connection is not fully back; trying again a moment later works
                Logger.debug(
                        "node {}: room feed not resumed yet: {}",
                        link.settings().node(),
                        e.toString());
            }
            try {
                Thread.sleep(PULL_EXPIRES_MILLIS / 4); // JetStream may still be recovering its store
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public static RoomFeed open(NatsLink link, RoomLog log) throws NatsUnavailableException {
        return new RoomFeed(link, log);
    }

    /**
     * A pending subscription to {@code room}: call it before publishing the member's join, then
     * {@link RoomSubscription#startAfter} with the join's sequence.
     */
    public RoomSubscription subscribe(String room, RoomSubscription.EventHandler listener) {
        RoomSubscription subscription = new RoomSubscription(this, Tokens.of(room), listener);
        rooms.computeIfAbsent(subscription.roomToken(), key -> new CopyOnWriteArrayList<>())
                .add(subscription);
        return subscription;
    }

    /** The last stream sequence this node has handed to its members. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    void remove(RoomSubscription subscription) {
        rooms.computeIfPresent(subscription.roomToken(), (key, list) -> {
            list.remove(subscription);
            return list.isEmpty() ? null : list;
        });
    }

    /** On the consumer's own thread, one record at a time, in stream order. */
    private synchronized void handle(Message message) {
        long seq = message.metaData().streamSequence();
        if (seq <= lastSeq) {
            return; // already handed over before a consumer reset, or by the consumer just replaced
        }
        lastSeq = seq;
        RoomEvent event = EventCodec.decode(message);
        if (event == null) {
            Logger.debug("skipping record {} on {}: not an eco room event", seq, message.getSubject());
            return;
        }
        CopyOnWriteArrayList<RoomSubscription> members = rooms.get(Tokens.of(event.room()));
        if (members != null) {
            for (RoomSubscription member : members) {
                member.offer(event);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        consumer.stop();
        try {
            consumer.close();
        } catch (Exception e) {
            Logger.debug("closing the room feed: {}", e.toString());
        }
    }
}

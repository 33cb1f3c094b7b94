package dev.eco.chat.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>jnats's ordered consumer recreates itself after a gap or a reconnect, from the last stream sequence it
 * handed over plus one; the feed also drops any record at or below the last sequence it saw, so a member never
 * sees one twice or out of order.
 */
public final class RoomFeed implements AutoCloseable {

    private final ConcurrentHashMap<String, CopyOnWriteArrayList<RoomSubscription>> rooms = new ConcurrentHashMap<>();
    private final AtomicLong lastSeq = new AtomicLong();
    private final MessageConsumer consumer;

    private RoomFeed(NatsLink link, RoomLog log) throws NatsUnavailableException {
        NatsSettings settings = link.settings();
        try {
            long end = link.management().getStreamInfo(settings.streamName()).getStreamState().getLastSequence();
            lastSeq.set(end);
            OrderedConsumerContext ordered = link.connection().getStreamContext(settings.streamName())
                    .createOrderedConsumer(new OrderedConsumerConfiguration()
                            .filterSubject(log.allRooms())
                            .deliverPolicy(DeliverPolicy.ByStartSequence)
                            .startSequence(end + 1));
            this.consumer = ordered.consume(this::handle);
        } catch (IOException | JetStreamApiException e) {
            throw new NatsUnavailableException("cannot start reading the room stream from NATS: " + e.getMessage(), e);
        }
    }

    public static RoomFeed open(NatsLink link, RoomLog log) throws NatsUnavailableException {
        return new RoomFeed(link, log);
    }

    /**
     * A pending subscription to {@code room}: call it before publishing the member's join, then
     * {@link RoomSubscription#startAfter} with the join's sequence.
     */
    public RoomSubscription subscribe(String room, RoomSubscription.Listener listener) {
        RoomSubscription subscription = new RoomSubscription(this, Tokens.of(room), listener);
        rooms.computeIfAbsent(subscription.roomToken(), key -> new CopyOnWriteArrayList<>()).add(subscription);
        return subscription;
    }

    /** The last stream sequence this node has handed to its members. */
    public long lastSeq() {
        return lastSeq.get();
    }

    void remove(RoomSubscription subscription) {
        rooms.computeIfPresent(subscription.roomToken(), (key, list) -> {
            list.remove(subscription);
            return list.isEmpty() ? null : list;
        });
    }

    /** On the consumer's own thread, one record at a time, in stream order. */
    private void handle(Message message) {
        long seq = message.metaData().streamSequence();
        if (seq <= lastSeq.get()) {
            return; // already handed over before a consumer reset
        }
        lastSeq.set(seq);
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
    public void close() {
        consumer.stop();
        try {
            consumer.close();
        } catch (Exception e) {
            Logger.debug("closing the room feed: {}", e.toString());
        }
    }
}

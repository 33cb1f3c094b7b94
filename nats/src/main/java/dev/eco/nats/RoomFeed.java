package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tinylog.Logger;

/**
 * The node's reading of the room log: one {@link LogReader} over every room's subjects, started at the end of
 * the stream when the node starts, handing each record to the local members of its room.
 *
 * <p>One reader per node rather than one per room: the order is the stream's total order either way, but one
 * consumer costs the server one consumer per node instead of one per room per node, a join needs no consumer
 * round trip (the feed is already reading when the join is published, which is what makes
 * {@link RoomSubscription}'s seam exact), and there is one position to resume from after NATS comes back. The
 * price: a node receives the records of rooms it has no member in, and drops them.
 */
public final class RoomFeed implements AutoCloseable {

    private final ConcurrentHashMap<String, CopyOnWriteArrayList<RoomSubscription>> rooms = new ConcurrentHashMap<>();
    private final LogReader reader;

    private RoomFeed(NatsLink link, RoomLog log) throws NatsUnavailableException {
        long end = Failover.call(link, "cannot start reading the room stream", () -> lastSequence(link));
        this.reader = new LogReader(link, log.allRooms(), end, this::dispatch);
    }

    private static long lastSequence(NatsLink link) throws IOException, JetStreamApiException {
        return link.management()
                .getStreamInfo(link.settings().streamName())
                .getStreamState()
                .getLastSequence();
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
    public long lastSeq() {
        return reader.lastSeq();
    }

    void remove(RoomSubscription subscription) {
        rooms.computeIfPresent(subscription.roomToken(), (key, list) -> {
            list.remove(subscription);
            return list.isEmpty() ? null : list;
        });
    }

    /** On the reader's thread, one record at a time, in stream order. */
    private void dispatch(Message message) {
        RoomEvent event = EventCodec.decode(message);
        if (event == null) {
            Logger.debug(
                    "skipping record {} on {}: not an eco room event",
                    message.metaData().streamSequence(),
                    message.getSubject());
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
        reader.close();
    }
}

package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tinylog.Logger;

/**
 * The node's reading of the room log: one {@link LogReader} per room that has a member on this node, over that
 * room's subjects only, handing each record to the room's local members. A node reads what its own members are
 * in and nothing else, so its work follows them rather than the whole cluster's; a room's records still come in
 * the stream's order, each with the stream sequence as its {@code seq}, the same on every node.
 *
 * <p>A room's reader starts with its first local member, at the stream's end as that member subscribes: before
 * the member's join is published, which is what makes {@link RoomSubscription}'s seam exact. It stops with the
 * room's last local member.
 */
public final class RoomFeed implements AutoCloseable {

    /** One room's reading: its local members, and the reader once started. */
    private static final class Reading {
        final CopyOnWriteArrayList<RoomSubscription> members = new CopyOnWriteArrayList<>();
        /** Guarded by this reading. */
        LogReader reader;
        /** Guarded by this reading: set when its last member left, so that no reader starts after. */
        boolean ended;
    }

    private final NatsLink link;
    private final RoomLog log;
    /** Rooms with local members by token; guarded by this feed. */
    private final Map<String, Reading> rooms = new HashMap<>();

    private RoomFeed(NatsLink link, RoomLog log) {
        this.link = link;
        this.log = log;
    }

    private static long lastSequence(NatsLink link) throws IOException, JetStreamApiException {
        return link.management()
                .getStreamInfo(link.settings().streamName())
                .getStreamState()
                .getLastSequence();
    }

    public static RoomFeed open(NatsLink link, RoomLog log) {
        return new RoomFeed(link, log);
    }

    /**
     * A pending subscription to {@code room}: call it before publishing the member's join, then
     * {@link RoomSubscription#startAfter} with the join's sequence. The room's first local member starts its
     * reader here (a round trip for the stream's end, one for the consumer).
     *
     * @throws NatsUnavailableException the reader could not start; the subscription is not held
     */
    public RoomSubscription subscribe(String room, RoomSubscription.EventHandler listener)
            throws NatsUnavailableException {
        RoomSubscription subscription = new RoomSubscription(this, Tokens.of(room), listener);
        Reading reading;
        synchronized (this) {
            reading = rooms.computeIfAbsent(subscription.roomToken(), key -> new Reading());
            reading.members.add(subscription);
        }
        try {
            synchronized (reading) { // the round trips outside the feed's monitor: other rooms go on meanwhile
                if (reading.reader == null && !reading.ended) {
                    long end = Failover.call(link, "cannot start reading the room", () -> lastSequence(link));
                    reading.reader = new LogReader(
                            link,
                            link.settings().streamName(),
                            log.roomSubjects(room),
                            end,
                            message -> dispatch(reading.members, message));
                }
            }
        } catch (NatsUnavailableException | RuntimeException e) {
            remove(subscription);
            throw e;
        }
        return subscription;
    }

    /** The rooms this node reads, by token: those with a local member. */
    public synchronized List<String> roomsRead() {
        return List.copyOf(rooms.keySet());
    }

    void remove(RoomSubscription subscription) {
        Reading ended;
        synchronized (this) {
            Reading reading = rooms.get(subscription.roomToken());
            if (reading == null || !reading.members.remove(subscription) || !reading.members.isEmpty()) {
                return;
            }
            rooms.remove(subscription.roomToken());
            ended = reading;
        }
        LogReader reader;
        synchronized (ended) {
            ended.ended = true;
            reader = ended.reader;
        }
        if (reader != null) {
            reader.close();
        }
    }

    /** On the room reader's thread, one record at a time, in stream order. */
    private static void dispatch(List<RoomSubscription> members, Message message) {
        RoomEvent event = EventCodec.decode(message);
        if (event == null) {
            Logger.debug(
                    "skipping record {} on {}: not an eco room event",
                    message.metaData().streamSequence(),
                    message.getSubject());
            return;
        }
        for (RoomSubscription member : members) {
            member.offer(event);
        }
    }

    @Override
    public void close() {
        List<Reading> all;
        synchronized (this) {
            all = List.copyOf(rooms.values());
            rooms.clear();
        }
        for (Reading reading : all) {
            LogReader reader;
            synchronized (reading) {
                reading.ended = true;
                reader = reading.reader;
            }
            if (reader != null) {
                reader.close();
            }
        }
    }
}

package dev.eco.nats;

import java.util.ArrayList;
import java.util.List;

/**
 * One local member's view of one room's log. It starts <em>pending</em>: events are held until the member's
 * join is stored and its reply (and history) sent; {@link #startAfter} then hands over, in stream order, the
 * held events after the join and everything later. Nothing is missed or repeated at the seam, because the feed
 * was reading before the join was published, and the join's sequence is the cut.
 *
 * <p>Events are handed to the listener on the feed's thread, one at a time, in stream order; the listener must
 * not block (it queues to the member's bounded outbox, as in-process rooms do).
 */
public final class RoomSubscription implements AutoCloseable {

    /** Events a pending subscription holds at most; beyond it the member is told it overflowed. */
    static final int MAX_HELD = 10_000;

    public interface EventHandler {
        /** The next event of the room, in stream order, after the member's join. */
        void event(RoomEvent event);

        /** More than {@value #MAX_HELD} events arrived while the join was pending: treat as a slow consumer. */
        void overflowed();
    }

    private final RoomFeed feed;
    private final String roomToken;
    private final EventHandler listener;
    private List<RoomEvent> held = new ArrayList<>();
    /** The join's sequence once known; events at or before it were before the member's time. */
    private long after = -1;

    private boolean closed;

    RoomSubscription(RoomFeed feed, String roomToken, EventHandler listener) {
        this.feed = feed;
        this.roomToken = roomToken;
        this.listener = listener;
    }

    String roomToken() {
        return roomToken;
    }

    /** Hands over the held events after {@code joinSeq}, then goes live. */
    public synchronized void startAfter(long joinSeq) {
        if (closed || after >= 0) {
            return;
        }
        after = joinSeq;
        List<RoomEvent> events = held;
        held = null;
        for (RoomEvent event : events) {
            offer(event);
        }
    }

    synchronized void offer(RoomEvent event) {
        if (closed) {
            return;
        }
        if (after < 0) {
            if (held.size() == MAX_HELD) {
                closed = true;
                held = null;
                listener.overflowed();
                return;
            }
            held.add(event);
        } else if (event.seq() > after) {
            listener.event(event);
        }
    }

    /** Stops the events (before the member's leave is published, so that it does not hear its own). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            held = null;
        }
        feed.remove(this);
    }
}

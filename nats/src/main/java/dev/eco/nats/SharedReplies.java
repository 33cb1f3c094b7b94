package dev.eco.nats;

import dev.eco.chat.Broadcast;
import dev.eco.protocol.Codec;
import dev.eco.protocol.Message.Reply;

/**
 * Turns a room event into the reply one local member gets. An event that reads the same for every member (a
 * message, a join) is turned into one {@link Broadcast}, encoded once per style, and handed to each of them:
 * the feed delivers an event to all its local members one after the other, so the last one is kept.
 */
final class SharedReplies {

    private final Codec codec;
    /** Written and read on the feed's thread; volatile so that a feed that resumes on a new thread sees it. */
    private volatile Shared last;

    private record Shared(RoomEvent event, String room, Broadcast broadcast) {}

    SharedReplies(Codec codec) {
        this.codec = codec;
    }

    /** What {@code seat} is told of {@code event} in {@code room}; null when nothing. */
    // Identity on purpose: the feed hands each seat the same event object, which equals() would compare in full.
    @SuppressWarnings("ReferenceEquality")
    Broadcast of(NatsSeat seat, String room, RoomEvent event) {
        Shared shared = last;
        if (shared != null && shared.event() == event && shared.room().equals(room)) {
            return shared.broadcast();
        }
        Reply reply = NatsSeat.replyFor(event, room, seat.ref.key());
        if (reply == null) {
            return null;
        }
        Broadcast broadcast = new Broadcast(reply, codec);
        if (NatsSeat.shared(event)) {
            last = new Shared(event, room, broadcast);
        }
        return broadcast;
    }
}

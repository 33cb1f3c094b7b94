package dev.eco.nats;

import dev.eco.chat.Membership;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Left;
import dev.eco.protocol.Message.Members;
import dev.eco.protocol.RawJson;
import java.nio.charset.StandardCharsets;

/**
 * A local member's place in one shared room: its subscription to the room's part of the log (the events it
 * is handed, on the feed's thread) and the sequence of its own join, which names its leave. Stale, and inert,
 * once the member left or was dropped.
 */
final class NatsMembership implements Membership, RoomSubscription.EventHandler {

    private final NatsRooms rooms;
    private final NatsSeat seat;
    private final String room;
    private volatile RoomSubscription subscription;
    private volatile long joinSeq;
    private volatile boolean gone;

    NatsMembership(NatsRooms rooms, NatsSeat seat, String room) {
        this.rooms = rooms;
        this.seat = seat;
        this.room = room;
    }

    /** Step 1 of a join: events of the room are held from now on, until {@link #live}. */
    void subscribe() throws NatsUnavailableException {
        subscription = rooms.node().feed().subscribe(room, this);
    }

    /** The member's join was written again ({@link Rejoin}): its leave from now on is named by this one. */
    void rejoined(long seq) {
        joinSeq = seq;
    }

    /** The last step of a join: hand over what came after the join, then everything as it comes. */
    void live(long seq) {
        joinSeq = seq;
        subscription.startAfter(seq);
    }

    long joinSeq() {
        return joinSeq;
    }

    @Override
    public String room() {
        return room;
    }

    @Override
    public void say(RawJson body, RawJson id) {
        synchronized (seat) { // the nick and the join it speaks under are not being put back right now
            sayHolding(body, id);
        }
    }

    private void sayHolding(RawJson body, RawJson id) {
        if (inert()) {
            return;
        }
        int max = rooms.node().settings().maxMessageBytes();
        if (body.json().getBytes(StandardCharsets.UTF_8).length > max) {
            rooms.reply(
                    seat,
                    new ErrorReply(ErrorCode.BAD_REQUEST, "a room message body is at most " + max + " bytes", id));
            return;
        }
        try {
            rooms.node()
                    .log()
                    .append(
                            new RoomEvent.Said(
                                    room, 0, seat.nick, body.json(), seat.ref.key(), id == null ? null : id.json()),
                            seat.nextId("say"));
            // the sender's own copy, with its id, comes back through the feed in the room's order
        } catch (NatsUnavailableException e) {
            rooms.reply(seat, new ErrorReply(ErrorCode.UNAVAILABLE, e.getMessage(), id));
        }
    }

    @Override
    public void who() {
        if (inert()) {
            return;
        }
        try {
            rooms.reply(seat, new Members(room, rooms.node().registry().members(room)));
        } catch (NatsUnavailableException e) {
            rooms.unavailable(seat, e);
        }
    }

    @Override
    public void leave() {
        synchronized (seat) {
            if (inert()) {
                return;
            }
            rooms.leave(seat, this);
            rooms.reply(seat, new Left(room));
        }
    }

    private boolean inert() {
        return gone || seat.dropped() || seat.membership != this;
    }

    /** Stops the events (before the leave is published, so that the member does not hear its own). */
    void stopEvents() {
        gone = true;
        RoomSubscription current = subscription;
        if (current != null) {
            current.close();
        }
    }

    /**
     * On the feed's thread. The member's own leave is never shown to it: its own node stops its events before
     * writing it, so one that arrives was written by another node that took this one for dead, and the member
     * is put back ({@link Rejoin}).
     */
    @Override
    public void event(RoomEvent event) {
        if (gone) {
            return;
        }
        if (event instanceof RoomEvent.Exited exited && exited.member().equals(seat.ref.key())) {
            if (exited.seq() > joinSeq) {
                rooms.rejoin().reaped(seat, exited.seq());
            }
            return;
        }
        rooms.deliver(seat, room, event);
    }

    @Override
    public void overflowed() {
        seat.dropSlow(rooms.codec(), rooms.limits());
    }
}

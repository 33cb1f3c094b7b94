package dev.eco.nats;

import dev.eco.chat.Names;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.NickChanged;

/**
 * A member's {@code nick}, across nodes: claim the new name (create-if-absent, so one holder on all nodes), answer
 * {@code nick}, tell the member's room, free the old name. The old name is freed whatever happens after the claim
 * (through {@link Cleanups}, so once NATS is back if it is away right then): the member holds the new one now, and
 * an old name kept would be held by nobody, forever.
 */
final class NickChange {

    private NickChange() {}

    /** On the member's own thread, holding its seat. */
    static void run(NatsRooms rooms, NatsSeat seat, String nick) {
        if (!Names.isValid(nick)) {
            rooms.reply(seat, new ErrorReply(ErrorCode.BAD_NAME, Names.rule("a nickname")));
            return;
        }
        NatsNode node = rooms.node();
        String old = seat.nick;
        boolean sameName = old != null && Names.key(old).equals(Names.key(nick));
        rooms.cleanups().settle(); // a name freed while NATS was away is free again before anyone claims it
        try {
            if (!sameName && !node.registry().claimNick(nick, seat.ref)) {
                rooms.reply(seat, new ErrorReply(ErrorCode.NICK_TAKEN, "the name " + nick + " is taken"));
                return;
            }
        } catch (NatsUnavailableException e) {
            rooms.unavailable(seat, e);
            return;
        }
        NatsMembership current = seat.membership;
        seat.nick = nick;
        rooms.reply(seat, new NickChanged(nick));
        NatsUnavailableException failed = null;
        try {
            if (current != null && old != null && !old.equals(nick)) {
                node.registry().rename(current.room(), seat.ref, nick, current.joinSeq());
                node.log()
                        .append(
                                new RoomEvent.Renamed(current.room(), 0, nick, old, seat.ref.key()),
                                seat.nextId("nick"));
            }
        } catch (NatsUnavailableException e) {
            failed = e;
        } finally {
            if (old != null && !sameName) {
                rooms.cleanups().release(old, seat.ref);
            }
        }
        if (failed != null) {
            rooms.unavailable(seat, failed); // after the release: whoever hears this may take the old name
        }
    }
}

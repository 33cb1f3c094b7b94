package dev.eco.nats;

import dev.eco.chat.ChatLimits;
import dev.eco.chat.Membership;
import dev.eco.chat.Names;
import dev.eco.chat.Replay;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.Message.Joined;
import dev.eco.protocol.Message.Left;
import dev.eco.protocol.Message.Reply;
import java.util.List;
import java.util.Optional;

/**
 * A member's {@code join}, across nodes: a guest name first if it has none, the same room again answered with
 * its members, another room left first; then the join proper, checked against the shared limits. On the
 * member's own thread, holding its seat.
 */
final class RoomJoin {

    private RoomJoin() {}

    /**
     * {@code join}: replaying what the member missed after {@code join.since()}, or else up to {@code history}
     * messages; the member's room afterwards.
     */
    static Optional<Membership> run(NatsRooms rooms, NatsSeat seat, Join join, int history) {
        String name = join.room();
        NatsMembership current = seat.membership;
        if (!Names.isValid(name)) {
            rooms.reply(seat, new ErrorReply(ErrorCode.BAD_NAME, Names.rule("a room name")));
            return Optional.ofNullable(current);
        }
        try {
            if (seat.nick == null) {
                seat.nick = rooms.node().registry().claimGuest(seat.ref);
            }
            if (current != null && Names.key(current.room()).equals(Names.key(name))) {
                rooms.reply(
                        seat, new Joined(current.room(), rooms.node().registry().members(name)));
                return Optional.of(current);
            }
        } catch (NatsUnavailableException e) {
            rooms.unavailable(seat, e);
            return Optional.ofNullable(current);
        }
        if (current != null) {
            rooms.leave(seat, current);
            rooms.reply(seat, new Left(current.room())); // said even if joining the new room fails below
        }
        rooms.cleanups().settle();
        return enter(rooms, seat, join, history);
    }

    /**
     * A join, in the order that makes its seam exact: subscribe (events held), append the join, record the
     * membership, answer {@code joined} and the history, then go live after the join's sequence. The member is
     * answered an error instead when the room is full, there are too many rooms, or NATS is away.
     */
    private static Optional<Membership> enter(NatsRooms rooms, NatsSeat seat, Join join, int history) {
        String name = join.room();
        NatsNode node = rooms.node();
        ChatLimits limits = rooms.limits();
        NatsMembership joining = null;
        long joinSeq = 0;
        try {
            List<Registry.MemberEntry> present = node.registry().memberships(name);
            if (present.isEmpty() && node.registry().roomCount() >= limits.maxRooms()) {
                rooms.reply(
                        seat,
                        new ErrorReply(
                                ErrorCode.TOO_MANY_ROOMS,
                                "the rooms have their maximum of " + limits.maxRooms() + " rooms"));
                return Optional.empty();
            }
            if (present.size() >= limits.maxRoomMembers()) {
                rooms.reply(
                        seat,
                        new ErrorReply(
                                ErrorCode.ROOM_FULL,
                                "room " + present.getFirst().room() + " has its maximum of " + limits.maxRoomMembers()
                                        + " members"));
                return Optional.empty();
            }
            String room = present.isEmpty() ? name : present.getFirst().room();
            joining = new NatsMembership(rooms, seat, room);
            joining.subscribe();
            joinSeq = node.log().append(new RoomEvent.Entered(room, 0, seat.nick, seat.ref.key()), seat.nextId("join"));
            node.registry().enter(room, seat.ref, seat.nick, joinSeq);
            List<String> members = node.registry().members(room);
            Replay replay = node.log().replay(room, joinSeq, join.since(), history);
            seat.membership = joining;
            rooms.reply(seat, new Joined(room, members, joinSeq));
            for (Reply replayed : replay.replies()) {
                rooms.reply(seat, replayed);
            }
            joining.live(joinSeq);
            return Optional.of(joining);
        } catch (NatsUnavailableException e) {
            if (joining != null) {
                joining.stopEvents();
                seat.membership = null;
                if (joinSeq > 0) {
                    rooms.cleanups().exit(joining.room(), seat.ref, seat.nick, joinSeq);
                }
            }
            rooms.unavailable(seat, e);
            return Optional.empty();
        }
    }
}

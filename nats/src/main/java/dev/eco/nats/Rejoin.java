package dev.eco.nats;

import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.NickChanged;
import java.time.Duration;
import org.tinylog.Logger;

/**
 * Puts this node's members back after the others judged the node dead while it was only cut off from NATS:
 * they announced its members as left and freed their names, although the members' connections stayed open.
 *
 * <p>The members rejoin rather than being told to {@code /join} again: they did nothing wrong, their node
 * missed nothing (its feed reads on from its last sequence), and a member who is told nothing keeps working.
 * For each member, holding its seat: its name is claimed again, and if someone else took it meanwhile, the
 * member gets a {@code guest-N} name and is told why ({@code nick_taken}, then {@code nick}); its room hears it
 * join again (a new join record and membership entry) if its leave was announced.
 *
 * <p>Two signals start it: the heartbeat ({@link NatsNode#onRevived}: more than the TTL went by without a beat,
 * so check every member), and the feed, which hands a member its own leave written by another node (then it
 * was reaped, whenever that leave arrives; a leave older than the member's latest join is already answered).
 */
final class Rejoin {

    private static final int TRIES = 10;
    private static final Duration TRY_EVERY = Duration.ofSeconds(1);

    private final NatsRooms rooms;

    Rejoin(NatsRooms rooms) {
        this.rooms = rooms;
    }

    /** After a heartbeat gap: every member is checked. On the heartbeat's thread for it. */
    void everyone() {
        for (NatsSeat seat : rooms.seats()) {
            put(seat, 0);
        }
    }

    /** The feed handed {@code seat} its own leave, stored at {@code exitSeq} by another node. */
    void reaped(NatsSeat seat, long exitSeq) {
        Thread.ofVirtual().name("nats-rejoin " + seat.ref).start(() -> put(seat, exitSeq));
    }

    private void put(NatsSeat seat, long exitSeq) {
        for (int tries = 1; ; tries++) {
            try {
                synchronized (seat) {
                    if (seat.dropped() || !rooms.seated(seat)) {
                        return; // gone meanwhile: its own leave said everything
                    }
                    reclaimName(seat);
                    NatsMembership membership = seat.membership;
                    if (membership != null) {
                        rejoinRoom(seat, membership, exitSeq);
                    }
                }
                return;
            } catch (NatsUnavailableException e) {
                if (tries == TRIES) {
                    Logger.warn(
                            "node {}: {} not put back: {}",
                            rooms.node().settings().node(),
                            seat.ref,
                            e.getMessage());
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

    private void reclaimName(NatsSeat seat) throws NatsUnavailableException {
        Registry registry = rooms.node().registry();
        String nick = seat.nick;
        if (nick == null || registry.holds(nick, seat.ref) || registry.claimNick(nick, seat.ref)) {
            return;
        }
        String guest = registry.claimGuest(seat.ref);
        seat.nick = guest;
        Logger.info(
                "node {}: {} was taken meanwhile; its member is {} now",
                rooms.node().settings().node(),
                nick,
                guest);
        rooms.reply(
                seat,
                new ErrorReply(
                        ErrorCode.NICK_TAKEN,
                        "this server was cut off from NATS and the others took you for gone; meanwhile someone else"
                                + " took the name " + nick + ", so you are " + guest + " now"));
        rooms.reply(seat, new NickChanged(guest));
    }

    private void rejoinRoom(NatsSeat seat, NatsMembership membership, long exitSeq) throws NatsUnavailableException {
        NatsNode node = rooms.node();
        Registry.MemberEntry entry = node.registry().membership(membership.room(), seat.ref);
        if (entry == null || exitSeq > membership.joinSeq()) {
            long joinSeq = node.log()
                    .append(
                            new RoomEvent.Entered(membership.room(), 0, seat.nick, seat.ref.key()),
                            seat.nextId("join"));
            node.registry().enter(membership.room(), seat.ref, seat.nick, joinSeq);
            membership.rejoined(joinSeq);
            Logger.info("node {}: {} is back in {}", node.settings().node(), seat.nick, membership.room());
        } else if (!entry.nick().equals(seat.nick)) {
            node.registry().rename(membership.room(), seat.ref, seat.nick, membership.joinSeq());
            node.log()
                    .append(
                            new RoomEvent.Renamed(membership.room(), 0, seat.nick, entry.nick(), seat.ref.key()),
                            seat.nextId("nick"));
        }
    }
}

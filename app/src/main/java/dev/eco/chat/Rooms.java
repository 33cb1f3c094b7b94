package dev.eco.chat;

import dev.eco.protocol.Codec;
import dev.eco.protocol.Message.Join;
import java.io.IOException;
import java.util.Optional;

/**
 * Nicknames and chat rooms, as a line session talks to them. The in-process implementation is
 * {@link LocalRooms}; another may share rooms between several eco processes through a broker.
 *
 * <p>The contract every implementation keeps:
 * <ul>
 * <li>Any method may block the calling virtual thread (a broker round trip), but never on another member.
 * <li>Everything for a member, its own answers included, reaches it only through {@link Member#deliver},
 *     from any thread; a member whose queue is full is dropped with {@link Member#dropSlow}.
 * <li>Errors are replies delivered to the member ({@code bad_name}, {@code nick_taken}, {@code room_full},
 *     {@code too_many_rooms}, …), never exceptions.
 * <li>Every member of a room sees that room's messages and presence in one order with no gaps.
 * <li>Between the start of {@link #join} and the return of {@link Membership#leave} or {@link #disconnected},
 *     deliveries may come from other threads; outside that window only from the caller's own thread.
 * </ul>
 * Which implementation runs is chosen once, at start ({@code EcoServer.start(config, metrics, rooms)}); no
 * session, listener or transport code knows which.
 */
public interface Rooms extends AutoCloseable {

    /** Opens the rooms of one server; called once at start. */
    @FunctionalInterface
    interface Factory {
        /** {@code codec} encodes replies in each member's style; {@code limits} bounds rooms and members. */
        Rooms open(Codec codec, ChatLimits limits) throws IOException;
    }

    /** The in-process rooms: the default. */
    // A constructor reference does not initialize LocalRooms (only calling it does), so no cycle can form.
    @SuppressWarnings("ClassInitializationDeadlock")
    Factory LOCAL = LocalRooms::new;

    /**
     * Joins {@code join.room()} (created when it does not exist), leaving the member's current room first if it is
     * another one. The member is answered {@code joined} (with the {@code seq} its time in the room starts after)
     * or an error; then, before anything live, the room's replay ({@link Replay}): with {@code join.since()} what
     * the member missed after that {@code seq}, else the last {@link ChatLimits#history} messages. Returns the
     * membership the member holds afterwards: the new room's; the current room's when the join was refused before
     * leaving it (a bad name) or names the room it is in; empty when it is in no room.
     */
    Optional<Membership> join(Member member, Join join);

    /** Chooses the member's nickname, unique on the server (or cluster); its room, if any, is told. */
    void rename(Member member, String nick);

    /** Answers the list of rooms with their member counts. */
    void list(Member member);

    /** The member's connection ended: it leaves its room, if any (the others are told), and its name is freed. */
    void disconnected(Member member);

    /** Rooms that exist now (those this process knows of), for a gauge. */
    int roomCount();

    /** Members in a room now, in this process, for a gauge. */
    int memberCount();

    /** Releases what the implementation holds (connections to a broker); the server calls it last. */
    @Override
    default void close() {}
}

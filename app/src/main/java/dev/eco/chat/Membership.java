package dev.eco.chat;

import dev.eco.protocol.RawJson;

/**
 * A member's place in one room, as {@link Rooms#join} hands it out: the session holds it while in the room.
 * Every method may block its calling (virtual) thread, e.g. for a broker's round trip; answers and errors
 * reach the member through {@link Member#deliver}. After the member was dropped as a slow consumer, a
 * membership's methods do nothing.
 */
public interface Membership {

    /** The room's name as it was first written. */
    String room();

    /** A message to the room, the sender included; the sender's own copy carries {@code id} (may be null). */
    void say(RawJson body, RawJson id);

    /** Answers the room's members to this member. */
    void who();

    /**
     * Leaves the room: the member is answered {@code left}, the others told. Once this returns, the
     * implementation delivers nothing more of this room to the member.
     */
    void leave();
}

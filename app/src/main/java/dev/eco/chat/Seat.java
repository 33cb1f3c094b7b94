package dev.eco.chat;

/**
 * What {@link LocalRooms} keeps for one member: its nickname and its room. Both change only under the lock
 * of the room involved (see {@link LocalRooms}), and are read by other members' threads, hence volatile.
 */
final class Seat {

    final Member member;
    /** Null until the member chose a name or joined a room. */
    volatile String nick;
    /** Null when in no room. */
    volatile Room room;

    Seat(Member member) {
        this.member = member;
    }

    @Override
    public String toString() {
        return member.name();
    }
}

package dev.eco.chat;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The nicknames in use on the server, unique without regard to case, and the guest names handed out. */
final class NameRegistry {

    private final ConcurrentHashMap<String, Seat> names = new ConcurrentHashMap<>();
    private final AtomicLong guests = new AtomicLong();

    /** Takes the name for the seat; false when another seat holds it. */
    boolean claim(String name, Seat seat) {
        Seat holder = names.putIfAbsent(Names.key(name), seat);
        return holder == null || holder == seat;
    }

    void release(String name, Seat seat) {
        names.remove(Names.key(name), seat);
    }

    /** Gives a seat without a name the next free {@code guest-N}. */
    void ensureNick(Seat seat) {
        while (seat.nick == null) {
            String guest = "guest-" + guests.incrementAndGet();
            if (names.putIfAbsent(Names.key(guest), seat) == null) {
                seat.nick = guest;
            }
        }
    }

    int count() {
        return names.size();
    }
}

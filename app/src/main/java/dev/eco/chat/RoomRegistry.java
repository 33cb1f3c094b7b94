package dev.eco.chat;

import dev.eco.protocol.Message.RoomCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** The rooms of {@link LocalRooms} by name, at most {@code maxRooms} of them. */
final class RoomRegistry {

    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final Semaphore permits;

    RoomRegistry(int maxRooms) {
        this.permits = new Semaphore(maxRooms);
    }

    /** The room of that name, created when missing; null when creating it would exceed the limit. */
    Room open(String name) {
        // A new room takes one permit, given back when it is removed: no race can exceed the limit.
        return rooms.computeIfAbsent(Names.key(name), key -> permits.tryAcquire() ? new Room(name) : null);
    }

    /** Forgets a room its last member left; called with or without the room's monitor. */
    void forgetIfClosed(Room room) {
        if (room.isClosed() && rooms.remove(Names.key(room.name()), room)) {
            permits.release();
        }
    }

    List<RoomCount> counts() {
        List<RoomCount> counts = new ArrayList<>();
        for (Room room : rooms.values()) {
            synchronized (room) {
                if (!room.isClosed()) {
                    counts.add(new RoomCount(room.name(), room.members().size()));
                }
            }
        }
        counts.sort(Comparator.comparing(RoomCount::room, String.CASE_INSENSITIVE_ORDER));
        return counts;
    }

    int count() {
        return rooms.size();
    }
}

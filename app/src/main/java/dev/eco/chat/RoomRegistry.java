package dev.eco.chat;

import dev.eco.protocol.Message.RoomCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The rooms of {@link LocalRooms} by name, at most {@code maxRooms} of them; and, for the rooms that emptied, where
 * their numbering stopped, so that a room of the same name goes on from there and a member that comes back can
 * tell what it missed. That memory holds the last {@link #REMEMBERED} rooms that emptied; a room forgotten beyond it
 * starts after every {@code seq} any forgotten room reached, so that no number is ever given twice in one room.
 */
final class RoomRegistry {

    /** Rooms that emptied whose numbering is remembered: about 100 bytes each. */
    static final int REMEMBERED = 10_000;

    /**
     * Where a room's numbering stands: its last {@code seq}, and the {@code seq} after which every message of its
     * name was counted one by one (0 when all were).
     */
    record Numbering(long lastSeq, long countedAfter) {}

    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final Semaphore permits;
    private final int historyBytes;
    /** Guarded by itself; touched only inside {@link #rooms}' atomic operations on the same name. */
    private final LinkedHashMap<String, Numbering> emptied = new LinkedHashMap<>();
    /** The highest {@code seq} of a room forgotten from {@link #emptied}; guarded by {@link #emptied}. */
    private long forgottenUpTo;

    RoomRegistry(int maxRooms, int historyBytes) {
        this.permits = new Semaphore(maxRooms);
        this.historyBytes = historyBytes;
    }

    /** The room of that name, created when missing; null when creating it would exceed the limit. */
    Room open(String name) {
        // A new room takes one permit, given back when it is removed: no race can exceed the limit.
        return rooms.computeIfAbsent(
                Names.key(name), key -> permits.tryAcquire() ? new Room(name, numbering(key), historyBytes) : null);
    }

    /** Forgets a room its last member left; called with or without the room's monitor. */
    void forgetIfClosed(Room room) {
        if (!room.isClosed()) {
            return;
        }
        rooms.computeIfPresent(Names.key(room.name()), (key, current) -> {
            if (current != room) {
                return current;
            }
            remember(key, room.numbering());
            permits.release();
            return null;
        });
    }

    private Numbering numbering(String key) {
        synchronized (emptied) {
            Numbering before = emptied.remove(key);
            return before != null ? before : new Numbering(forgottenUpTo, forgottenUpTo);
        }
    }

    private void remember(String key, Numbering numbering) {
        synchronized (emptied) {
            emptied.put(key, numbering);
            if (emptied.size() > REMEMBERED) {
                Map.Entry<String, Numbering> oldest = emptied.pollFirstEntry();
                forgottenUpTo = Math.max(forgottenUpTo, oldest.getValue().lastSeq());
            }
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

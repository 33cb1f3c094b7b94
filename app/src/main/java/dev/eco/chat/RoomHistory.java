package dev.eco.chat;

import dev.eco.protocol.Message.Posted;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The last messages of one in-process {@link Room}, oldest first: at most {@link ChatLimits#MAX_HISTORY} of them
 * and at most {@code maxBytes} bytes of bodies (UTF-8), the oldest dropped first. What a join replays as history,
 * and what a member that comes back finds of what it missed. Guarded by the room's monitor.
 */
final class RoomHistory {

    private final int maxBytes;
    private final ArrayDeque<Posted> kept = new ArrayDeque<>();
    private long bytes;

    RoomHistory(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Keeps {@code message} (without a sender's id: a replay never carries one), dropping the oldest beyond the limits. */
    void add(Posted message) {
        int size = utf8Length(message.body().json());
        if (size > maxBytes) {
            kept.clear(); // a body over the whole limit is not kept, and nothing older may stand in for it
            bytes = 0;
            return;
        }
        kept.addLast(message);
        bytes += size;
        while (kept.size() > ChatLimits.MAX_HISTORY || bytes > maxBytes) {
            bytes -= utf8Length(kept.removeFirst().body().json());
        }
    }

    /** The last {@code count} messages kept, oldest first. */
    List<Posted> last(int count) {
        List<Posted> all = new ArrayList<>(kept);
        return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
    }

    /** The messages kept with a {@code seq} above {@code since}, oldest first. */
    List<Posted> after(long since) {
        List<Posted> found = new ArrayList<>();
        for (Iterator<Posted> it = kept.descendingIterator(); it.hasNext(); ) {
            Posted message = it.next();
            if (message.seq() <= since) {
                break;
            }
            found.add(message);
        }
        return found.reversed();
    }

    private static int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}

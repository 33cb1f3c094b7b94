package dev.eco.chat;

import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.ErrorReply;

/**
 * The limits that keep one chat member from holding back or flooding the others. Named after the options of
 * {@code eco serve}.
 *
 * @param maxPending      frames queued for one connection and not yet written ({@code --max-pending}); one more
 *                        and the connection is told {@code slow_consumer} and disconnected (default 1,000)
 * @param maxPendingBytes the same bound in bytes ({@code --max-pending-bytes}, default 1 MiB)
 * @param rateLimit       chat frames (room messages, nick, join, leave, who, rooms) one connection may send per second
 *                        ({@code --rate-limit}); a frame over it is answered {@code rate_limited} and not
 *                        delivered; 0 for no limit (default 50). Plain echo is never rate-limited.
 * @param rateBurst       chat frames a connection may send at once above that rate (default 100)
 * @param maxRooms        rooms at most ({@code --max-rooms}); joining a new room beyond it is answered
 *                        {@code too_many_rooms} (default 1,000)
 * @param maxRoomMembers  members of one room at most ({@code --max-room-members}); one more is answered
 *                        {@code room_full} (default 1,000)
 * @param history         messages of the room replayed, marked as history, to whoever joins it ({@code --history}),
 *                        0 to {@link #MAX_HISTORY} (default 0: none). A resumed join ({@code since}) replays what
 *                        the member missed instead, up to {@link #MAX_HISTORY} too
 * @param historyBytes    bytes of message bodies an in-process room keeps for history and resumed joins
 *                        ({@code --history-bytes}), besides keeping at most {@link #MAX_HISTORY} messages; older
 *                        ones are dropped first, and a resumed join that wanted them is told how many it missed;
 *                        0 keeps none (default 64 KiB). Rooms shared through NATS keep theirs in the stream
 */
public record ChatLimits(
        int maxPending,
        int maxPendingBytes,
        int rateLimit,
        int rateBurst,
        int maxRooms,
        int maxRoomMembers,
        int history,
        int historyBytes) {

    /** The most messages one join replays, as history or to a member that resumes. */
    public static final int MAX_HISTORY = 100;

    public static final ChatLimits DEFAULT = new ChatLimits(1_000, 1 << 20, 50, 100, 1_000, 1_000, 0, 64 << 10);
    /** The largest queue per connection accepted, in bytes: 64 MiB. */
    public static final int MAX_PENDING_BYTES_CEILING = 64 << 20;
    /** The most bytes of message bodies one in-process room keeps: 16 MiB. */
    public static final int MAX_HISTORY_BYTES_CEILING = 16 << 20;

    public ChatLimits {
        if (maxPending < 1
                || maxPendingBytes < 1
                || rateLimit < 0
                || rateBurst < 1
                || maxRooms < 1
                || maxRoomMembers < 1) {
            throw new IllegalArgumentException("chat limits must be positive (a rate of 0 means no limit)");
        }
        if (history < 0 || history > MAX_HISTORY) {
            throw new IllegalArgumentException("history is 0 to " + MAX_HISTORY + " messages, not " + history);
        }
        if (historyBytes < 0 || historyBytes > MAX_HISTORY_BYTES_CEILING) {
            throw new IllegalArgumentException(
                    "a room keeps 0 to " + MAX_HISTORY_BYTES_CEILING + " bytes of history, not " + historyBytes);
        }
        if (maxPendingBytes > MAX_PENDING_BYTES_CEILING) {
            throw new IllegalArgumentException("the queue per connection is at most " + MAX_PENDING_BYTES_CEILING
                    + " bytes, not " + maxPendingBytes);
        }
    }

    /** What a member is told when it is cut off as a slow consumer. */
    public ErrorReply slowConsumer() {
        return new ErrorReply(
                ErrorCode.SLOW_CONSUMER,
                "you did not read fast enough: more than " + maxPending + " frames or " + maxPendingBytes
                        + " bytes were waiting for you; disconnecting");
    }

    public ChatLimits withPending(int frames, int bytes) {
        return new ChatLimits(frames, bytes, rateLimit, rateBurst, maxRooms, maxRoomMembers, history, historyBytes);
    }

    public ChatLimits withRate(int perSecond, int burst) {
        return new ChatLimits(
                maxPending, maxPendingBytes, perSecond, burst, maxRooms, maxRoomMembers, history, historyBytes);
    }

    public ChatLimits withRooms(int rooms, int membersPerRoom) {
        return new ChatLimits(
                maxPending, maxPendingBytes, rateLimit, rateBurst, rooms, membersPerRoom, history, historyBytes);
    }

    /** {@code messages} replayed on join, {@code bytes} of message bodies kept per in-process room. */
    public ChatLimits withHistory(int messages, int bytes) {
        return new ChatLimits(
                maxPending, maxPendingBytes, rateLimit, rateBurst, maxRooms, maxRoomMembers, messages, bytes);
    }
}

package dev.eco.cli;

import dev.eco.chat.ChatLimits;
import picocli.CommandLine.Option;

/** The chat limits of {@code eco serve}: rooms, members, and each member's queue and rate. */
final class ServeChat {

    @Option(
            names = "--max-pending",
            paramLabel = "FRAMES",
            defaultValue = "${env:ECO_MAX_PENDING:-1000}",
            converter = Options.PositiveInt.class,
            description = "Frames queued for one chat connection at most; one more and it is told slow_consumer"
                    + " and disconnected (env ECO_MAX_PENDING).")
    private int maxPending;

    @Option(
            names = "--max-pending-bytes",
            paramLabel = "BYTES",
            defaultValue = "${env:ECO_MAX_PENDING_BYTES:-1048576}",
            converter = Options.PositiveInt.class,
            description = "The same bound in bytes (env ECO_MAX_PENDING_BYTES).")
    private int maxPendingBytes;

    @Option(
            names = "--rate-limit",
            paramLabel = "N",
            defaultValue = "${env:ECO_RATE_LIMIT:-50}",
            converter = Options.NonNegativeInt.class,
            description =
                    "Chat frames (room messages, nick, join, leave, who, rooms) per second per connection, burst twice that;"
                            + " one more is answered rate_limited and not delivered; 0 for no limit. Echo is never limited"
                            + " (env ECO_RATE_LIMIT).")
    private int rateLimit;

    @Option(
            names = "--max-rooms",
            paramLabel = "N",
            defaultValue = "${env:ECO_MAX_ROOMS:-1000}",
            converter = Options.PositiveInt.class,
            description = "Chat rooms at most (env ECO_MAX_ROOMS).")
    private int maxRooms;

    @Option(
            names = "--max-room-members",
            paramLabel = "N",
            defaultValue = "${env:ECO_MAX_ROOM_MEMBERS:-1000}",
            converter = Options.PositiveInt.class,
            description = "Members of one room at most (env ECO_MAX_ROOM_MEMBERS).")
    private int maxRoomMembers;

    @Option(
            names = "--history",
            paramLabel = "N",
            defaultValue = "${env:ECO_HISTORY:-0}",
            converter = Options.NonNegativeInt.class,
            description = "Replay the room's last N messages (at most 100, marked as history) to whoever joins; a"
                    + " member that resumes with /join ROOM since SEQ gets what it missed instead (env ECO_HISTORY).")
    private int history;

    @Option(
            names = "--history-bytes",
            paramLabel = "BYTES",
            defaultValue = "${env:ECO_HISTORY_BYTES:-65536}",
            converter = Options.NonNegativeInt.class,
            description = "Bytes of message bodies each in-process room keeps (besides at most 100 messages) for"
                    + " --history and for members that resume; older ones go first, and a member that resumes after"
                    + " them is told how many it missed; 0 keeps none. With --nats the stream keeps them"
                    + " (env ECO_HISTORY_BYTES).")
    private int historyBytes;

    /** The limits these options ask for; throws IllegalArgumentException with the sentence for a bad one. */
    ChatLimits limits() {
        if (history > ChatLimits.MAX_HISTORY) {
            throw new IllegalArgumentException("--history is at most " + ChatLimits.MAX_HISTORY + ", not " + history);
        }
        if (historyBytes > ChatLimits.MAX_HISTORY_BYTES_CEILING) {
            throw new IllegalArgumentException(
                    "--history-bytes is at most " + ChatLimits.MAX_HISTORY_BYTES_CEILING + ", not " + historyBytes);
        }
        return new ChatLimits(
                maxPending,
                maxPendingBytes,
                rateLimit,
                ServeLimits.twice(rateLimit),
                maxRooms,
                maxRoomMembers,
                history,
                historyBytes);
    }
}

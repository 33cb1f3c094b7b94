package dev.eco.chat;

import dev.eco.protocol.Message.Gap;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.Message.Replayed;
import dev.eco.protocol.Message.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a join replays after its {@code joined} answer, in this order: the {@link Gap} notice when a resumed join
 * cannot replay all the member missed, then the messages, oldest first, marked as history. Both rooms
 * implementations build it with these rules, so that a member that comes back is told the same either way.
 *
 * @param gap      null when nothing is missing
 * @param messages at most {@link ChatLimits#MAX_HISTORY}
 */
public record Replay(Gap gap, List<Posted> messages) {

    public static final Replay NONE = new Replay(null, List.of());

    public Replay {
        messages = List.copyOf(messages);
    }

    /** A plain join's history: the last {@code count} of {@code before}, the room's messages before the join. */
    public static Replay history(List<Posted> before, int count) {
        int n = Math.min(count, ChatLimits.MAX_HISTORY);
        return n <= 0 ? NONE : new Replay(null, before.subList(Math.max(0, before.size() - n), before.size()));
    }

    /**
     * A resumed join: {@code kept} are the messages after {@code since} the room still has (before the join, oldest
     * first); {@code said} is how many there were in all after {@code since}, kept or not, or empty when that is
     * not known. The oldest beyond {@link ChatLimits#MAX_HISTORY} are not replayed, and counted as missed.
     */
    public static Replay resume(String room, long since, List<Posted> kept, OptionalLong said) {
        int from = Math.max(0, kept.size() - ChatLimits.MAX_HISTORY);
        List<Posted> replayed = kept.subList(from, kept.size());
        Gap gap;
        if (said.isEmpty()) {
            gap = new Gap(room, since, OptionalLong.empty());
        } else {
            long missed = said.getAsLong() - replayed.size();
            gap = missed > 0 ? new Gap(room, since, OptionalLong.of(missed)) : null;
        }
        return new Replay(gap, replayed);
    }

    /** The replies that say it, to follow {@code joined}. */
    public List<Reply> replies() {
        List<Reply> replies = new ArrayList<>(messages.size() + 1);
        if (gap != null) {
            replies.add(gap);
        }
        for (Posted message : messages) {
            replies.add(new Replayed(message));
        }
        return replies;
    }
}

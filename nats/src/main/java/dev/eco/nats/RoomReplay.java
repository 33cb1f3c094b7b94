package dev.eco.nats;

import dev.eco.chat.Replay;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.RawJson;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a join replays, read from the room stream: the last messages before the join ({@code --history}), or,
 * for a resumed join, those after the member's {@code since}, and whether any of those were discarded.
 *
 * <p>One ephemeral pull consumer over the room's message subject reads every message the stream keeps of the
 * room in one batch: a fixed number of round trips (make the consumer, ask how many it has, fetch them all,
 * delete it) whatever the room and the stream hold, at the price of fetching up to {@code keptPerRoom} messages.
 * (nats-server 2.9 has no batched or backwards direct get, and a read one message per round trip costs up to a
 * round trip per message replayed.)
 *
 * <p>The replay is complete when the stream never discarded a message of the room (it holds fewer than
 * {@code keptPerRoom}), or when the oldest one it holds is at or before {@code since}; otherwise the member is
 * told the replay is incomplete, without a count: what the stream discarded leaves no number behind.
 */
final class RoomReplay {

    /** An unused replay consumer disappears by itself after this, should deleting it fail. */
    private static final Duration INACTIVE = Duration.ofSeconds(30);

    private final NatsLink link;
    private final NatsSettings settings;

    RoomReplay(NatsLink link) {
        this.link = link;
        this.settings = link.settings();
    }

    /** The replay of a join stored at {@code joinSeq}: after {@code since}, else the last {@code history}. */
    Replay read(String room, String subject, long joinSeq, OptionalLong since, int history)
            throws NatsUnavailableException {
        if (since.isEmpty() && history <= 0) {
            return Replay.NONE;
        }
        List<Posted> kept =
                Failover.call(link, "NATS refused to read the room's history", () -> kept(room, subject, joinSeq));
        if (since.isEmpty()) {
            return Replay.history(kept, history);
        }
        long from = since.getAsLong();
        if (from >= joinSeq) { // a seq this room never reached: all that is kept, and an unknown gap
            return Replay.resume(room, from, kept, OptionalLong.empty());
        }
        boolean complete = kept.size() < settings.keptPerRoom()
                || (!kept.isEmpty() && kept.getFirst().seq() <= from);
        List<Posted> after =
                kept.stream().filter(message -> message.seq() > from).toList();
        return Replay.resume(room, from, after, complete ? OptionalLong.of(after.size()) : OptionalLong.empty());
    }

    /** Every message of the room the stream keeps stored before {@code before}, oldest first. */
    private List<Posted> kept(String room, String subject, long before) throws IOException, JetStreamApiException {
        PullSubscribeOptions options = PullSubscribeOptions.builder().stream(settings.streamName())
                .configuration(ConsumerConfiguration.builder()
                        .filterSubject(subject)
                        .deliverPolicy(DeliverPolicy.All)
                        .ackPolicy(AckPolicy.None)
                        .inactiveThreshold(INACTIVE)
                        .build())
                .build();
        JetStreamSubscription subscription = link.jetStream().subscribe(subject, options);
        try {
            long pending = subscription.getConsumerInfo().getNumPending();
            List<Posted> found = new ArrayList<>();
            if (pending == 0) {
                return found;
            }
            for (Message message : subscription.fetch((int) pending, settings.requestTimeout())) {
                long seq = message.metaData().streamSequence();
                if (seq < before && EventCodec.decode(message) instanceof RoomEvent.Said said) {
                    found.add(new Posted(room, said.from(), new RawJson(said.body()), null, seq));
                }
            }
            return found;
        } finally {
            String consumer = subscription.getConsumerName();
            subscription.unsubscribe();
            try {
                link.management().deleteConsumer(settings.streamName(), consumer);
            } catch (IOException | JetStreamApiException e) {
                // it goes by itself once inactive
            }
        }
    }
}

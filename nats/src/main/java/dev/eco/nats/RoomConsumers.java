package dev.eco.nats;

import io.nats.client.ConsumeOptions;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.MessageConsumer;
import io.nats.client.MessageHandler;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.io.IOException;
import java.time.Duration;
import org.tinylog.Logger;

/** Making and retiring the ordered consumers a {@link LogReader} reads through (of the room stream or a bucket). */
final class RoomConsumers {

    /**
     * A pull lasts this long; jnats expects a heartbeat every half of it and raises its alarm after about three
     * missed ones, so a consumer whose server died is replaced within about 1.5 to 3 s.
     */
    private static final long PULL_EXPIRES_MILLIS = 1_000;
    /**
     * The first try to make a consumer is short, so that one placed on a dead server is placed again soon; later
     * ones get up to the request timeout, for a server that is slow to answer (recovering its store, or busy).
     */
    private static final Duration FIRST_TRY = Duration.ofSeconds(1);

    private RoomConsumers() {}

    /** An ordered consumer of {@code stream}'s {@code filter} from {@code seq} on, the {@code tries}-th try. */
    static MessageConsumer open(
            NatsLink link, String stream, String filter, long seq, int tries, MessageHandler handler)
            throws IOException, JetStreamApiException {
        Duration grown = FIRST_TRY.multipliedBy(tries);
        Duration timeout = grown.compareTo(link.settings().requestTimeout()) < 0
                ? grown
                : link.settings().requestTimeout();
        return link.connection()
                .getStreamContext(
                        stream,
                        JetStreamOptions.builder().requestTimeout(timeout).build())
                .createOrderedConsumer(new OrderedConsumerConfiguration()
                        .filterSubject(filter)
                        .deliverPolicy(DeliverPolicy.ByStartSequence)
                        .startSequence(seq))
                .consume(ConsumeOptions.builder().expiresIn(PULL_EXPIRES_MILLIS).build(), handler);
    }

    /** Stops a consumer and drops its subscription (a stopped one would otherwise finish its pull first). */
    static void retire(MessageConsumer consumer) {
        consumer.stop();
        try {
            consumer.close();
        } catch (Exception e) {
            Logger.debug("closing a room consumer: {}", e.toString());
        }
    }
}

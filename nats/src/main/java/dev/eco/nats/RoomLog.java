package dev.eco.nats;

import dev.eco.chat.Replay;
import io.nats.client.PublishOptions;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.PublishAck;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * The rooms' one ordered log: a JetStream stream {@code PREFIX_ROOMS} over subjects
 * {@code prefix.room.ROOM.msg} (messages) and {@code prefix.room.ROOM.presence} (join, leave, nick). JetStream
 * gives every record a stream sequence: that is the room's order and its {@code seq}, the same on every node.
 *
 * <p>Messages and presence have subjects of their own so that the per-subject limit keeps
 * {@code keptPerRoom} messages per room however much people come and go.
 */
public final class RoomLog {

    /** Room of JetStream's own per-record overhead (headers) on top of the body. */
    private static final int HEADER_ROOM = 2_048;

    private final NatsLink link;
    private final NatsSettings settings;
    private final RoomReplay replay;

    RoomLog(NatsLink link) {
        this.link = link;
        this.settings = link.settings();
        this.replay = new RoomReplay(link);
    }

    /** The stream as this node would create it ({@link Setup} creates it, or takes it as it is). */
    static StreamConfiguration config(NatsSettings settings) {
        return StreamConfiguration.builder()
                .name(settings.streamName())
                .subjects(settings.prefix() + ".room.*.*")
                .storageType(StorageType.File) // what JetStream acknowledged survives a restart of NATS
                .replicas(settings.replicas()) // and, with 3, the loss of a NATS server
                .retentionPolicy(RetentionPolicy.Limits)
                .discardPolicy(DiscardPolicy.Old)
                .maxMessagesPerSubject(settings.keptPerRoom())
                .maximumMessageSize(settings.maxMessageBytes() + HEADER_ROOM)
                .duplicateWindow(settings.duplicateWindow())
                .build();
    }

    /**
     * Appends an event and waits for JetStream's acknowledgement, trying again (same id) while NATS fails over.
     *
     * @param msgId what makes a retry (or the same leave announced by several nodes) one record: JetStream drops a
     *              second record with this {@code Nats-Msg-Id} within the duplicate window and acknowledges the
     *              first one's sequence instead
     * @return the event's stream sequence
     * @throws NatsUnavailableException NATS is away, or did not acknowledge within the failover wait (then the
     *                                  record may still be stored, once: the members see it or not, never twice)
     */
    public long append(RoomEvent event, String msgId) throws NatsUnavailableException {
        if (event instanceof RoomEvent.Said said
                && said.body().getBytes(StandardCharsets.UTF_8).length > settings.maxMessageBytes()) {
            throw new IllegalArgumentException("a message body is at most " + settings.maxMessageBytes() + " bytes");
        }
        PublishOptions options = PublishOptions.builder()
                .messageId(msgId)
                .expectedStream(settings.streamName())
                .build();
        String subject = subject(event);
        PublishAck ack = Failover.call(
                link,
                "NATS refused the room event",
                () -> link.jetStream().publish(subject, EventCodec.headers(event), EventCodec.data(event), options));
        return ack.getSeqno();
    }

    /**
     * What a join stored at {@code joinSeq} replays: the room's messages after {@code since}, or else its last
     * {@code history} ({@link RoomReplay}).
     */
    public Replay replay(String room, long joinSeq, OptionalLong since, int history) throws NatsUnavailableException {
        return replay.read(room, messageSubject(room), joinSeq, since, history);
    }

    /**
     * The {@code Nats-Msg-Id} of a member's leave: the same whether its own node says it or survivors announce it
     * for a dead node, so the room hears it once.
     */
    public static String exitId(String memberKey, long joinSeq) {
        return "exit-" + memberKey + "-" + joinSeq;
    }

    String subject(RoomEvent event) {
        return switch (event) {
            case RoomEvent.Said said -> messageSubject(said.room());
            case RoomEvent.Entered e -> presenceSubject(e.room());
            case RoomEvent.Exited e -> presenceSubject(e.room());
            case RoomEvent.Renamed e -> presenceSubject(e.room());
        };
    }

    /** One room's records, messages and presence, for the node's reader of that room. */
    String roomSubjects(String room) {
        return settings.prefix() + ".room." + Tokens.of(room) + ".*";
    }

    private String messageSubject(String room) {
        return settings.prefix() + ".room." + Tokens.of(room) + ".msg";
    }

    private String presenceSubject(String room) {
        return settings.prefix() + ".room." + Tokens.of(room) + ".presence";
    }
}

package dev.eco.nats;

import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Room events as JetStream records: the kind and names in headers (names are plain ASCII by the name rule), the
 * message body as the record's data, untouched. The sender's id is raw JSON that may hold any character, so
 * its header is base64.
 */
final class EventCodec {

    static final String EVENT = "Eco-Event";
    static final String ROOM = "Eco-Room";
    static final String NICK = "Eco-Nick";
    static final String PREVIOUS = "Eco-Previous";
    static final String MEMBER = "Eco-Member";
    static final String ID = "Eco-Id";
    private static final byte[] NO_DATA = new byte[0];

    private EventCodec() {}

    static Headers headers(RoomEvent event) {
        Headers headers = new Headers().put(ROOM, event.room()).put(MEMBER, event.member());
        switch (event) {
            case RoomEvent.Said said -> {
                headers.put(EVENT, "said").put(NICK, said.from());
                if (said.id() != null) {
                    headers.put(ID, Base64.getEncoder().encodeToString(said.id().getBytes(StandardCharsets.UTF_8)));
                }
            }
            case RoomEvent.Entered entered -> headers.put(EVENT, "entered").put(NICK, entered.nick());
            case RoomEvent.Exited exited -> headers.put(EVENT, "exited").put(NICK, exited.nick());
            case RoomEvent.Renamed renamed ->
                headers.put(EVENT, "renamed").put(NICK, renamed.nick()).put(PREVIOUS, renamed.previous());
        }
        return headers;
    }

    static byte[] data(RoomEvent event) {
        return event instanceof RoomEvent.Said said ? said.body().getBytes(StandardCharsets.UTF_8) : NO_DATA;
    }

    /** The event a stored record holds, with its stream sequence; null for a record eco did not write. */
    static RoomEvent decode(Message message) {
        return decode(
                message.getHeaders(), message.getData(), message.metaData().streamSequence());
    }

    static RoomEvent decode(MessageInfo info) {
        return decode(info.getHeaders(), info.getData(), info.getSeq());
    }

    private static RoomEvent decode(Headers headers, byte[] data, long seq) {
        if (headers == null || headers.getFirst(EVENT) == null) {
            return null;
        }
        String room = headers.getFirst(ROOM);
        String nick = headers.getFirst(NICK);
        String member = headers.getFirst(MEMBER);
        return switch (headers.getFirst(EVENT)) {
            case "said" -> {
                String id = headers.getFirst(ID);
                yield new RoomEvent.Said(
                        room,
                        seq,
                        nick,
                        new String(data == null ? NO_DATA : data, StandardCharsets.UTF_8),
                        member,
                        id == null ? null : new String(Base64.getDecoder().decode(id), StandardCharsets.UTF_8));
            }
            case "entered" -> new RoomEvent.Entered(room, seq, nick, member);
            case "exited" -> new RoomEvent.Exited(room, seq, nick, member);
            case "renamed" -> new RoomEvent.Renamed(room, seq, nick, headers.getFirst(PREVIOUS), member);
            default -> null;
        };
    }
}

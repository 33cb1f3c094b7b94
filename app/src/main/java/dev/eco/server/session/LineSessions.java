package dev.eco.server.session;

import dev.eco.chat.ChatLimits;
import dev.eco.chat.Rooms;
import dev.eco.protocol.Codec;
import dev.eco.server.net.Connection;
import dev.eco.server.net.Session;
import dev.eco.server.net.Timeouts;

/**
 * Makes the line session of each connection, with what they all share: the codec, the dispatcher, the rooms
 * (whichever implementation runs) and the settings.
 *
 * @param greeting a line sent to each connection when it opens, or null
 * @param timeouts for the sentences of the {@code idle_timeout} and {@code frame_timeout} notices
 */
public record LineSessions(
        Codec codec,
        Dispatcher dispatcher,
        Rooms rooms,
        ChatLimits limits,
        String greeting,
        Timeouts timeouts,
        SessionMember.Queues queues)
        implements Session.Factory {

    public LineSessions(Codec codec, Rooms rooms, ChatLimits limits, String greeting, Timeouts timeouts) {
        this(codec, new Dispatcher(codec, limits.rateLimit()), rooms, limits, greeting, timeouts, QueuedOutput::new);
    }

    @Override
    public Session open(Connection connection) {
        return new LineSession(connection, this);
    }
}

package dev.eco.server.session;

import dev.eco.chat.Membership;
import dev.eco.protocol.Inbound;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Style;
import dev.eco.server.net.Connection;
import java.util.Locale;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * A connection as the {@link Dispatcher} sees it while it answers one frame (a line, or a WebSocket text
 * message): the echo of that frame, replies in its style, the connection's chat (rate, room, name). Reader
 * thread only.
 */
final class LineConversation implements ChatConversation {

    private final Connection connection;
    private final LineSessions settings;
    private final SessionMember outputs;
    private final SessionRooms rooms;
    /** Made at the first chat frame: an echo connection has none. */
    private ChatRate chatRate;

    private long seq;
    // The frame being answered, for echo(): valid during one dispatch.
    private byte[] frame;
    private int frameOff;
    private int frameLen;
    private LineEnd frameEnd;
    private Style frameStyle;

    LineConversation(Connection connection, LineSessions settings, SessionMember outputs, SessionRooms rooms) {
        this.connection = connection;
        this.settings = settings;
        this.outputs = outputs;
        this.rooms = rooms;
    }

    /** Answers one decoded frame; true when it was {@code quit}. {@code logged}: each frame is logged. */
    boolean answer(Inbound inbound, byte[] buf, int off, int len, LineEnd end, boolean logged) {
        if (logged) {
            Logger.debug(
                    "{} {} frame: {}",
                    connection.listener().name().toLowerCase(Locale.ROOT), // only when logged: no string kept
                    connection.name(),
                    LogText.escape(inbound.request().toString()));
        }
        frame = buf;
        frameOff = off;
        frameLen = len;
        frameEnd = end;
        frameStyle = inbound.style();
        outputs.noteStyle(frameStyle);
        boolean quit = settings.dispatcher().dispatch(inbound, this) == Dispatcher.Next.CLOSE;
        frame = null;
        return quit;
    }

    @Override
    public void echo() {
        if (!outputs.current().echo(frame, frameOff, frameLen, frameEnd)) {
            outputs.overflowed();
        }
    }

    @Override
    public void send(Reply reply) {
        if (reply instanceof ErrorReply error) {
            connection.metrics().errorReply(connection.listener(), error.code());
        }
        if (!outputs.current().send(reply, frameStyle)) {
            outputs.overflowed();
        }
    }

    @Override
    public long nextSeq() {
        return ++seq;
    }

    @Override
    public boolean allowChatFrame() {
        if (chatRate == null) {
            chatRate = new ChatRate(settings.limits());
        }
        if (chatRate.allow()) {
            return true;
        }
        connection.metrics().rateLimited();
        return false;
    }

    @Override
    public Optional<Membership> membership() {
        return rooms.membership();
    }

    @Override
    public void join(Join join) {
        rooms.join(join);
    }

    @Override
    public void leave(Membership current) {
        rooms.leave(current);
    }

    @Override
    public void rename(String nick) {
        rooms.rename(nick);
    }

    @Override
    public void listRooms() {
        rooms.list();
    }
}

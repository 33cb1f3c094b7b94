package dev.eco.server.session;

import dev.eco.chat.Membership;
import dev.eco.protocol.FrameDecoder;
import dev.eco.protocol.Inbound;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Style;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.net.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Answers the whole frames of one connection on its reader thread: decode, dispatch, reply. It owns the
 * connection's output strategy and its place in the rooms. A line session feeds it lines from its frame
 * decoder; a WebSocket session feeds it text messages, and its {@link Framing} writes the replies as such.
 */
public final class FrameHandler implements FrameDecoder.Sink, ChatConversation {

    private final Connection connection;
    private final LineSessions settings;
    private final Framing framing;
    private final SessionMember outputs;
    private final SessionRooms rooms;
    private final ChatRate chatRate;
    private final String kind;
    private boolean quit;
    private int framesThisRead;
    private long framesIn;
    private long seq;
    /**
     * Whether each frame is logged (debug). Asked once: with any debug logging on (even only the connection
     * lines of {@code --log-connections}), tinylog answers {@code isDebugEnabled()} by walking the stack to
     * find the calling class, which per frame cost more than the echo itself.
     */
    private final boolean logFrames = Logger.isDebugEnabled();
    // The frame being answered, for echo(): valid during one dispatch.
    private byte[] frame;
    private int frameOff;
    private int frameLen;
    private LineEnd frameEnd;
    private Style frameStyle;

    public FrameHandler(Connection connection, LineSessions settings, Framing framing) {
        this.connection = connection;
        this.settings = settings;
        this.framing = framing;
        this.outputs = new SessionMember(connection, settings.codec(), settings.limits(), settings.queues(), framing);
        this.chatRate = new ChatRate(settings.limits());
        this.rooms = new SessionRooms(settings.rooms(), outputs);
        this.kind = connection.listener().name().toLowerCase(Locale.ROOT);
    }

    /** Sends the server's greeting, if it has one, as the connection's first line or message. */
    public void greet() throws IOException {
        if (settings.greeting() != null) {
            byte[] line = (settings.greeting() + "\n").getBytes(StandardCharsets.UTF_8);
            outputs.current().offer(framing.wrap(line, LineEnd.LF));
            outputs.current().flush();
        }
    }

    /** Whether {@code quit} was answered: frames after it are neither decoded nor answered. */
    public boolean quit() {
        return quit;
    }

    /** The frames handled since the last call: for the read's count. */
    public int takeFramesThisRead() {
        int n = framesThisRead;
        framesThisRead = 0;
        return n;
    }

    /** The end of a read: what it produced goes out (outside a room, in one write). */
    public void flush() throws IOException {
        outputs.current().flush();
    }

    /** Bytes already in their wire form (a WebSocket pong, a binary echo), in order with the replies. */
    public void sendAsIs(byte[] bytes) {
        if (!outputs.current().offer(bytes)) {
            outputs.overflowed();
        }
    }

    /** The connection's last bytes, in their wire form, after everything it was sent before; nothing follows. */
    public void last(byte[] bytes) throws IOException {
        outputs.current().last(bytes);
    }

    /**
     * The server ends the connection for {@code how}: what was answered goes out, then the closing notice (if
     * that end has one) in the style of the client's last frame, and on a WebSocket the close frame.
     */
    public void end(Close how) throws IOException {
        Optional<Reply> notice = ClosingNotice.of(how, settings.idleTimeout());
        if (notice.isPresent() && notice.get() instanceof ErrorReply error) {
            connection.metrics().errorReply(connection.listener(), error.code());
        }
        Style style = outputs.style();
        byte[] line = notice.map(n -> settings.codec().encode(n, style)).orElse(null);
        byte[] last = framing.last(line, style.lineEnd(), how);
        if (last.length > 0) {
            outputs.current().last(last);
        } else {
            outputs.current().flush();
        }
    }

    /** The connection is over: it leaves its room (the members are told), and its queue is written. */
    public void finish() {
        rooms.disconnected();
        outputs.finish();
    }

    public String counts() {
        return "frames in " + framesIn + " out " + outputs.framesOut();
    }

    @Override
    public void frame(byte[] buf, int off, int len, LineEnd end) {
        if (quit) {
            return; // frames after quit are not answered, so not decoded either
        }
        framesThisRead++;
        framesIn++;
        // The common case, plain text outside a room: its own bytes back, without decoding them.
        if (!rooms.inRoom() && settings.codec().echoesAsIs(buf, off, len) && !logFrames) {
            outputs.noteStyle(Style.text(end));
            outputs.current().echo(buf, off, len, end);
            return;
        }
        handle(settings.codec().decode(buf, off, len, end), buf, off, len, end);
    }

    @Override
    public void tooLong(byte[] head, int off, int len, LineEnd end) {
        if (!quit) {
            framesThisRead++;
            framesIn++;
            handle(settings.codec().tooLong(head, off, len, end), head, off, len, end);
        }
    }

    private void handle(Inbound inbound, byte[] buf, int off, int len, LineEnd end) {
        if (logFrames) {
            Logger.debug(
                    "{} {} frame: {}",
                    kind,
                    connection.name(),
                    LogText.escape(inbound.request().toString()));
        }
        frame = buf;
        frameOff = off;
        frameLen = len;
        frameEnd = end;
        frameStyle = inbound.style();
        outputs.noteStyle(frameStyle);
        quit = settings.dispatcher().dispatch(inbound, this) == Dispatcher.Next.CLOSE;
        frame = null;
    }

    @Override
    public void echo() {
        outputs.current().echo(frame, frameOff, frameLen, frameEnd);
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
    public void join(String room) {
        rooms.join(room);
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

    /** Whether the connection's output is the room queue now; for tests. */
    boolean isQueued() {
        return outputs.isQueued();
    }
}

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
import dev.eco.server.net.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * The line protocol on one connection, run entirely on its reader thread: each read is decoded and dispatched,
 * and everything it produced is sent at once. It ends on {@code quit}, end of stream (after answering
 * everything, the unterminated tail included), idle timeout, shutdown, or a broken socket.
 */
final class LineSession implements Session, FrameDecoder.Sink, ChatConversation {

    private final Connection connection;
    private final LineSessions settings;
    private final FrameDecoder decoder;
    private final SessionMember outputs;
    private final SessionRooms rooms;
    private boolean quit;
    private int framesThisRead;
    private long framesIn;
    private long seq;
    /** Made at the first chat frame: an echo connection has none. */
    private ChatRate chatRate;
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

    LineSession(Connection connection, LineSessions settings) {
        this.connection = connection;
        this.settings = settings;
        this.decoder = settings.codec().newFrameDecoder();
        this.outputs = new SessionMember(connection, settings.codec(), settings.limits(), settings.queues());
        this.rooms = new SessionRooms(settings.rooms(), outputs);
    }

    @Override
    public void start() throws IOException {
        outputs.readOn();
        if (settings.greeting() != null) {
            byte[] line = (settings.greeting() + "\n").getBytes(StandardCharsets.UTF_8);
            outputs.current().offer(line);
            outputs.current().flush();
        }
    }

    @Override
    public boolean received(byte[] buf, int n) throws IOException {
        outputs.readOn();
        framesThisRead = 0;
        decoder.decode(buf, 0, n, this);
        connection.metrics().read(connection.listener(), n, framesThisRead);
        outputs.current().flush();
        return !quit;
    }

    @Override
    public Close ended(Close how) throws IOException {
        outputs.readOn();
        if (how != Close.SHUTDOWN) {
            // At shutdown the server ended the input, not the client: a frame cut off there is only part of
            // what the client is sending (half a number, "/jo" of "/join"), not a frame.
            decoder.finish(this);
        }
        outputs.current().flush();
        return quit ? Close.QUIT : goodbye(how);
    }

    /** Outside a room only: a room's writer may write to the connection at any time. */
    @Override
    public boolean hibernate() {
        return outputs.hibernate();
    }

    @Override
    public void close() {
        rooms.disconnected();
        outputs.finish();
    }

    private Close goodbye(Close how) throws IOException {
        Optional<Reply> notice = ClosingNotice.of(how, settings.idleTimeout());
        if (notice.isPresent()) {
            if (notice.get() instanceof ErrorReply error) {
                connection.metrics().errorReply(connection.listener(), error.code());
            }
            outputs.current().last(settings.codec().encode(notice.get(), outputs.style()));
        }
        return how;
    }

    @Override
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
                    "tcp {} frame: {}",
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

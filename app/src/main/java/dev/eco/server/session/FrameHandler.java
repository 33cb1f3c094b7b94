package dev.eco.server.session;

import dev.eco.protocol.FrameDecoder;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Style;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.net.Connection;
import dev.eco.server.testing.Answer;
import dev.eco.server.testing.Taps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Answers the whole frames of one connection on its reader thread: decode, dispatch ({@link LineConversation}),
 * reply. It owns the connection's output strategy and its place in the rooms. A line session feeds it lines from
 * its frame decoder; a WebSocket session feeds it text messages, and its {@link Framing} writes the replies as
 * such. When a test has recording or a script on, each frame goes through {@link FrameTaps} first.
 */
public final class FrameHandler implements FrameDecoder.Sink {

    private final Connection connection;
    private final LineSessions settings;
    private final Framing framing;
    private final SessionMember outputs;
    private final SessionRooms rooms;
    private final LineConversation conversation;
    private final FrameTaps taps;
    private boolean quit;
    private int framesThisRead;
    private long framesIn;
    /**
     * Whether each frame is logged (debug). Asked once: with any debug logging on (even only the connection
     * lines of {@code --log-connections}), tinylog answers {@code isDebugEnabled()} by walking the stack to
     * find the calling class, which per frame cost more than the echo itself.
     */
    private final boolean logFrames = Logger.isDebugEnabled();

    public FrameHandler(Connection connection, LineSessions settings, Framing framing) {
        this.connection = connection;
        this.settings = settings;
        this.framing = framing;
        this.outputs = new SessionMember(connection, settings.codec(), settings.limits(), settings.queues(), framing);
        this.rooms = new SessionRooms(settings.rooms(), outputs);
        this.conversation = new LineConversation(connection, settings, outputs, rooms);
        this.taps = new FrameTaps(connection, settings.codec());
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
        Optional<Reply> notice = ClosingNotice.of(how, settings.timeouts());
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

    /** Frames handled so far (each whole frame, a too long one included). */
    public long framesIn() {
        return framesIn;
    }

    public String counts() {
        return "frames in " + framesIn + " out " + outputs.framesOut();
    }

    @Override
    @SuppressWarnings("ReferenceEquality") // NOTHING is the one snapshot of no test controls
    public void frame(byte[] buf, int off, int len, LineEnd end) {
        if (quit) {
            return; // frames after quit are not answered, so not decoded either
        }
        framesThisRead++;
        framesIn++;
        Taps.Now now = connection.taps();
        if (now != Taps.Now.NOTHING && scripted(now, buf, off, len, end)) {
            return;
        }
        // The common case, plain text outside a room: its own bytes back, without decoding them.
        if (!rooms.inRoom() && settings.codec().echoesAsIs(buf, off, len) && !logFrames) {
            outputs.noteStyle(Style.text(end));
            if (!outputs.current().echo(buf, off, len, end)) {
                outputs.overflowed();
            }
            return;
        }
        quit = conversation.answer(settings.codec().decode(buf, off, len, end), buf, off, len, end, logFrames);
    }

    @Override
    @SuppressWarnings("ReferenceEquality") // NOTHING is the one snapshot of no test controls
    public void tooLong(byte[] head, int off, int len, LineEnd end) {
        if (!quit) {
            framesThisRead++;
            framesIn++;
            Taps.Now now = connection.taps();
            if (now != Taps.Now.NOTHING) {
                taps.record(now, head, off, len, end);
            }
            quit = conversation.answer(settings.codec().tooLong(head, off, len, end), head, off, len, end, logFrames);
        }
    }

    /** Records the frame, and answers it with the script's lines when the script takes it (true). */
    private boolean scripted(Taps.Now now, byte[] buf, int off, int len, LineEnd end) {
        Answer answer = taps.tap(now, buf, off, len, end, rooms.inRoom());
        if (answer == null) {
            return false;
        }
        outputs.noteStyle(Style.text(end));
        for (String line : answer.lines()) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (!outputs.current().echo(bytes, 0, bytes.length, end)) {
                outputs.overflowed();
            }
        }
        quit = answer.close();
        return true;
    }

    /** Whether the connection's output is the room queue now; for tests. */
    boolean isQueued() {
        return outputs.isQueued();
    }
}

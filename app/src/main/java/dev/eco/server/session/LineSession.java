package dev.eco.server.session;

import dev.eco.protocol.FrameDecoder;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Style;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.net.Connection;
import dev.eco.server.net.Session;
import dev.eco.server.testing.Answer;
import dev.eco.server.testing.Taps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * The line protocol on one connection, run entirely on its reader thread: each read is decoded and dispatched,
 * and everything it produced is sent at once. It ends on {@code quit}, end of stream (after answering
 * everything, the unterminated tail included), idle timeout, shutdown, or a broken socket. When a test has
 * recording or a script on, each frame goes through {@link FrameTaps} first.
 */
final class LineSession implements Session, FrameDecoder.Sink {

    private final Connection connection;
    private final LineSessions settings;
    private final FrameDecoder decoder;
    private final SessionMember outputs;
    private final SessionRooms rooms;
    private final LineConversation conversation;
    private final FrameTaps taps;
    private boolean quit;
    private int framesThisRead;
    private long framesIn;
    /** What the test controls had on at this read; {@link Taps.Now#NOTHING} almost always. */
    private Taps.Now tapsNow = Taps.Now.NOTHING;
    /**
     * Whether each frame is logged (debug). Asked once: with any debug logging on (even only the connection
     * lines of {@code --log-connections}), tinylog answers {@code isDebugEnabled()} by walking the stack to
     * find the calling class, which per frame cost more than the echo itself.
     */
    private final boolean logFrames = Logger.isDebugEnabled();

    LineSession(Connection connection, LineSessions settings) {
        this.connection = connection;
        this.settings = settings;
        this.decoder = settings.codec().newFrameDecoder();
        this.outputs = new SessionMember(connection, settings.codec(), settings.limits(), settings.queues());
        this.rooms = new SessionRooms(settings.rooms(), outputs);
        this.conversation = new LineConversation(connection, settings, outputs, rooms);
        this.taps = new FrameTaps(connection, settings.codec());
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
        tapsNow = connection.taps();
        framesThisRead = 0;
        decoder.decode(buf, 0, n, this);
        connection.metrics().read(connection.listener(), n, framesThisRead);
        outputs.current().flush();
        return !quit;
    }

    @Override
    public Close ended(Close how) throws IOException {
        outputs.readOn();
        tapsNow = connection.taps();
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
        if (tapsNow != Taps.Now.NOTHING && scripted(buf, off, len, end)) {
            return;
        }
        // The common case, plain text outside a room: its own bytes back, without decoding them.
        if (!rooms.inRoom() && settings.codec().echoesAsIs(buf, off, len) && !logFrames) {
            outputs.noteStyle(Style.text(end));
            outputs.current().echo(buf, off, len, end);
            return;
        }
        quit = conversation.answer(settings.codec().decode(buf, off, len, end), buf, off, len, end, logFrames);
    }

    @Override
    public void tooLong(byte[] head, int off, int len, LineEnd end) {
        if (!quit) {
            framesThisRead++;
            framesIn++;
            if (tapsNow != Taps.Now.NOTHING) {
                taps.record(tapsNow, head, off, len, end);
            }
            quit = conversation.answer(settings.codec().tooLong(head, off, len, end), head, off, len, end, logFrames);
        }
    }

    /** Records the frame, and answers it with the script's lines when the script takes it (true). */
    private boolean scripted(byte[] buf, int off, int len, LineEnd end) {
        Answer answer = taps.tap(tapsNow, buf, off, len, end, rooms.inRoom());
        if (answer == null) {
            return false;
        }
        outputs.noteStyle(Style.text(end));
        for (String line : answer.lines()) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            outputs.current().echo(bytes, 0, bytes.length, end);
        }
        quit = answer.close();
        return true;
    }

    /** Whether the connection's output is the room queue now; for tests. */
    boolean isQueued() {
        return outputs.isQueued();
    }
}

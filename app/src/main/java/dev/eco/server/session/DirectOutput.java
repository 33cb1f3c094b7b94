package dev.eco.server.session;

import dev.eco.protocol.Codec;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Style;
import dev.eco.server.net.Connection;
import java.io.IOException;
import java.time.Duration;
import org.tinylog.Logger;

/**
 * Outside a room: the replies of one read gathered in one buffer and written at the end of the read, on the
 * reader thread, with no lock and no queue. Nothing from another thread belongs here; a stray delivery (a
 * broker's after a leave) is dropped.
 */
final class DirectOutput implements Output {

    private final Connection connection;
    private final Codec codec;
    private final Framing framing;
    private final Thread reader = Thread.currentThread();
    private final ReplyBuffer buffer = new ReplyBuffer();
    private int pendingFrames;
    /** Whether the buffer holds an echo or a reply: a greeting or a closing notice alone answers no read. */
    private boolean answering;

    private long framesOut;

    DirectOutput(Connection connection, Codec codec, Framing framing) {
        this.connection = connection;
        this.codec = codec;
        this.framing = framing;
    }

    @Override
    public boolean echo(byte[] buf, int off, int len, LineEnd end) {
        framing.echo(buffer, buf, off, len, end);
        pendingFrames++;
        answering = true;
        return true;
    }

    @Override
    public boolean send(Reply reply, Style style) {
        framing.reply(buffer, codec, reply, style);
        pendingFrames++;
        answering = true;
        return true;
    }

    @Override
    public boolean offer(byte[] bytes) {
        if (Thread.currentThread() != reader) {
            Logger.debug("{}: dropped a delivery from another thread outside a room", connection.name());
            return true;
        }
        buffer.write(bytes, 0, bytes.length);
        pendingFrames++;
        return true;
    }

    @Override
    public void flush() throws IOException {
        if (buffer.size() == 0) {
            return;
        }
        int frames = pendingFrames;
        boolean answers = answering;
        pendingFrames = 0;
        answering = false;
        framesOut += frames;
        try {
            connection.write(buffer.array(), 0, buffer.size(), frames, answers);
        } finally {
            buffer.reset();
        }
    }

    @Override
    public void last(byte[] notice) throws IOException {
        offer(notice);
        flush();
    }

    @Override
    public boolean finish(Duration drain) {
        return true;
    }

    @Override
    public long framesOut() {
        return framesOut;
    }
}

package dev.eco.server.session;

import dev.eco.chat.ChatLimits;
import dev.eco.protocol.Codec;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Style;
import dev.eco.protocol.ws.Opcode;
import dev.eco.protocol.ws.WsEncoder;
import dev.eco.server.net.Connection;
import java.time.Duration;
import java.util.Arrays;

/**
 * In a room: every byte for the connection goes through its {@link Outbox}, in queue order, whichever
 * thread queued it, and the outbox's writer thread writes.
 */
final class QueuedOutput implements Output {

    private final Codec codec;
    private final Framing framing;
    private final Outbox outbox;

    QueuedOutput(Connection connection, Codec codec, ChatLimits limits, Runnable onWriteFailure, Framing framing) {
        this.codec = codec;
        this.framing = framing;
        this.outbox = new Outbox(
                (bytes, off, len, frames) -> connection.write(bytes, off, len, frames, false),
                limits,
                connection.name(),
                onWriteFailure);
    }

    @Override
    public boolean echo(byte[] buf, int off, int len, LineEnd end) {
        if (framing == Framing.WEBSOCKET) {
            return outbox.offer(WsEncoder.frame(Opcode.TEXT, buf, off, len));
        }
        byte[] frame = Arrays.copyOfRange(buf, off, off + len + (end == LineEnd.CRLF ? 2 : 1));
        if (end == LineEnd.CRLF) {
            frame[len] = '\r';
        }
        frame[frame.length - 1] = '\n';
        return outbox.offer(frame);
    }

    @Override
    public boolean send(Reply reply, Style style) {
        return outbox.offer(framing.wrap(codec.encode(reply, style), style.lineEnd()));
    }

    @Override
    public boolean offer(byte[] bytes) {
        return outbox.offer(bytes);
    }

    @Override
    public void flush() {
        // the writer thread writes as soon as anything is queued
    }

    @Override
    public void last(byte[] notice) {
        outbox.offerLast(notice);
    }

    @Override
    public boolean finish(Duration drain) throws InterruptedException {
        return outbox.finish(drain);
    }

    @Override
    public long framesOut() {
        return outbox.framesWritten();
    }
}

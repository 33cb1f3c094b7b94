package dev.eco.server.session;

import dev.eco.protocol.FrameDecoder;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.net.Connection;
import dev.eco.server.net.Session;
import java.io.IOException;

/**
 * The line protocol on one connection, run entirely on its reader thread: each read is split into lines, each
 * answered ({@link FrameHandler}), and everything the read produced is sent at once. It ends on {@code quit},
 * end of stream (after answering everything, the unterminated tail included), idle or frame timeout, shutdown,
 * or a broken socket. Between two reads, outside a room, its connection may hibernate: a line cut across the
 * sleep waits in the decoder.
 */
final class LineSession implements Session.Answering {

    private final Connection connection;
    private final FrameDecoder decoder;
    private final FrameHandler handler;

    LineSession(Connection connection, LineSessions settings) {
        this.connection = connection;
        this.decoder = settings.codec().newFrameDecoder();
        this.handler = new FrameHandler(connection, settings, Framing.LINES);
    }

    @Override
    public void start() throws IOException {
        handler.greet();
    }

    @Override
    public boolean received(byte[] buf, int n) throws IOException {
        handler.readOn();
        decoder.decode(buf, 0, n, handler);
        connection.frameProgress(handler.framesIn(), decoder.inFrame());
        connection.metrics().read(connection.listener(), n, handler.takeFramesThisRead());
        handler.flush();
        return !handler.quit();
    }

    @Override
    public Close ended(Close how) throws IOException {
        handler.readOn();
        if (how != Close.SHUTDOWN && how != Close.FRAME_TIMEOUT) {
            // At shutdown or a frame timeout the server ended the input, not the client: a frame cut off there
            // is only part of what the client is sending ("/jo" of "/join"), not a frame.
            decoder.finish(handler);
        }
        if (handler.quit()) {
            handler.flush();
            return Close.QUIT;
        }
        handler.end(how);
        return how;
    }

    /** Outside a room only: a room's writer may write to the connection at any time. */
    @Override
    public boolean hibernate() {
        return handler.hibernate();
    }

    @Override
    public void close() {
        handler.finish();
    }

    @Override
    public String counts() {
        return handler.counts();
    }

    /** Whether the connection's output is the room queue now; for tests. */
    boolean isQueued() {
        return handler.isQueued();
    }
}

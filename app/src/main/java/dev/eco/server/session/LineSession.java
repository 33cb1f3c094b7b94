package dev.eco.server.session;

import dev.eco.protocol.FrameDecoder;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.net.Connection;
import dev.eco.server.net.ReadBuffer;
import dev.eco.server.net.Session;
import java.io.IOException;

/**
 * The line protocol on one connection, run entirely on its reader thread: read, split into lines, answer each
 * ({@link FrameHandler}), then send everything that read produced at once. It ends on {@code quit}, end of
 * stream (after answering everything, the unterminated tail included), idle or frame timeout, shutdown, or a
 * broken socket.
 */
final class LineSession implements Session {

    private final Connection connection;
    private final FrameDecoder decoder;
    private final FrameHandler handler;

    LineSession(Connection connection, LineSessions settings) {
        this.connection = connection;
        this.decoder = settings.codec().newFrameDecoder();
        this.handler = new FrameHandler(connection, settings, Framing.LINES);
    }

    @Override
    public Close serve() throws IOException {
        try {
            return serveFrames();
        } finally {
            handler.finish();
        }
    }

    private Close serveFrames() throws IOException {
        handler.greet();
        ReadBuffer buf = new ReadBuffer();
        while (true) {
            int n = connection.read(buf.array());
            if (n < 0) {
                Close how = connection.inputEnd();
                if (how != Close.SHUTDOWN && how != Close.FRAME_TIMEOUT) {
                    // At shutdown or a frame timeout the server ended the input, not the client: a frame cut
                    // off there is only part of what the client is sending ("/jo" of "/join"), not a frame.
                    decoder.finish(handler);
                }
                if (handler.quit()) {
                    handler.flush();
                    return Close.QUIT;
                }
                handler.end(how);
                return how;
            }
            decoder.decode(buf.array(), 0, n, handler);
            connection.frameProgress(handler.framesIn(), decoder.inFrame());
            connection.metrics().read(connection.listener(), n, handler.takeFramesThisRead());
            handler.flush();
            if (handler.quit()) {
                return Close.QUIT;
            }
            buf.after(n);
        }
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

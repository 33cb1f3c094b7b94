package dev.eco.server.session;

import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.net.Connection;
import dev.eco.server.net.Session;
import dev.eco.server.testing.FrameLog;
import java.io.IOException;

/**
 * The raw RFC 862 echo: every byte received goes back exactly, binary-safe, with no framing, no commands and
 * nothing of the server's own, until the client closes. An idle connection is closed silently. A recording
 * keeps each read's bytes as one frame.
 */
public final class RawEchoSession implements Session.Answering {

    private final Connection connection;
    private long bytes;

    public RawEchoSession(Connection connection) {
        this.connection = connection;
    }

    @Override
    public boolean received(byte[] buf, int n) throws IOException {
        connection.metrics().read(connection.listener(), n, 0);
        FrameLog recording = connection.taps().recording();
        if (recording != null) {
            recording.add(FrameTaps.frame(connection, buf, 0, n, null));
        }
        connection.write(buf, 0, n, 0, true);
        bytes += n;
        return true;
    }

    @Override
    public Close ended(Close how) {
        return how;
    }

    @Override
    public String counts() {
        return bytes + " bytes echoed";
    }
}

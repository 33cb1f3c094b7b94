package dev.eco.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One connection of the raw RFC 862 listener: every byte received goes back exactly, binary-safe, with no
 * framing, no commands and nothing of the server's own, until the client closes. An idle connection is
 * closed silently after the idle timeout.
 */
final class RawEchoConnection extends TcpConnection {

    private long bytes;

    RawEchoConnection(Socket socket) {
        super("raw", socket);
    }

    @Override
    protected String serve() throws IOException {
        OutputStream out = socket.getOutputStream();
        byte[] buf = new byte[INITIAL_READ_BUFFER];
        while (true) {
            int n = input.read(buf);
            if (n < 0) {
                return input.idleExpired() ? "idle timeout" : isShuttingDown() ? "closed by shutdown" : "closed by peer";
            }
            write(out, buf, 0, n);
            bytes += n;
            buf = grow(buf, n);
        }
    }

    @Override
    protected String counts() {
        return bytes + " bytes echoed";
    }
}

package dev.eco.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One connection of the raw RFC 862 listener: every byte received goes back exactly, binary-safe, with no
 * framing, no commands and nothing of the server's own, until the client closes. An idle connection is
 * closed silently after the idle timeout.
 */
final class RawEchoConnection extends TcpConnection {

    private long bytes;

    RawEchoConnection(Socket socket, Duration idleTimeout) {
        super("raw", socket, idleTimeout);
    }

    @Override
    protected String serve() throws IOException {
        OutputStream out = socket.getOutputStream();
        byte[] buf = new byte[INITIAL_READ_BUFFER];
        while (true) {
            int n;
            try {
                n = input.read(buf);
            } catch (SocketTimeoutException e) {
                return "idle timeout";
            }
            if (n < 0) {
                return isShuttingDown() ? "closed by shutdown" : "closed by peer";
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

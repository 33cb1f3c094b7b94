package dev.eco.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import org.tinylog.Logger;

/**
 * One connection of the raw RFC 862 listener: every byte received goes back exactly, binary-safe, with no
 * framing, no commands and nothing of the server's own, until the client closes.
 */
final class RawEchoConnection implements Connection {

    private final Socket socket;
    private final String name;
    private long bytes;

    RawEchoConnection(Socket socket) {
        this.socket = socket;
        this.name = Peers.describe(socket.getRemoteSocketAddress());
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        Logger.info("raw {} opened", name);
        String ending = "closed";
        try (socket) {
            echo(socket.getInputStream(), socket.getOutputStream());
        } catch (IOException e) {
            ending = "broken (" + e.getMessage() + ")";
            Logger.debug("raw {}: {}", name, e.toString());
        } finally {
            Logger.info("raw {} {} after {} ms, {} bytes echoed", name, ending,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), bytes);
        }
    }

    private void echo(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[LineConnection.INITIAL_READ_BUFFER];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            bytes += n;
            if (n == buf.length && buf.length < LineConnection.MAX_READ_BUFFER) {
                buf = new byte[buf.length * 2];
            }
        }
    }

    @Override
    public void beginShutdown() {
        try {
            socket.shutdownInput();
        } catch (IOException e) {
            forceClose();
        }
    }

    @Override
    public void forceClose() {
        try {
            socket.close();
        } catch (IOException e) {
            Logger.debug("raw {} close: {}", name, e.getMessage());
        }
    }
}

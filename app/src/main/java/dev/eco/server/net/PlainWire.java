package dev.eco.server.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import org.tinylog.Logger;

/**
 * A plain TCP socket. Java's {@link Socket#shutdownInput()} makes every later read return end of stream at
 * once, even with bytes waiting in the kernel, so it is used only when nothing is waiting: then it merely
 * wakes a reader blocked on an empty socket.
 */
final class PlainWire implements Wire {

    /** How much of the client's remaining input is read away at close, at most. */
    static final int LINGER_BYTES = 64 * 1024;

    private final Socket socket;

    PlainWire(Socket socket) {
        this.socket = socket;
    }

    @Override
    public InputStream input() throws IOException {
        return socket.getInputStream();
    }

    @Override
    public OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public SocketAddress remote() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    @Override
    public boolean endInput(End why) {
        try {
            if (socket.isInputShutdown()) {
                return true; // already ended (an idle close): the reader has its end of stream
            }
            if (why != End.FRAME_TIMEOUT && socket.getInputStream().available() > 0) {
                // SHUTDOWN: the reader is about to read those bytes and will find the ending flag.
                return why == End.SHUTDOWN;
            }
            // (Bytes arriving at this very moment, between the check and the wake-up, may go unread.)
            socket.shutdownInput();
            return true;
        } catch (IOException e) {
            Logger.debug("ending input: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void closeAndDrain(Duration linger) {
        try (socket) {
            if (!socket.isOutputShutdown()) { // a fault's close-after may have ended it already
                socket.shutdownOutput();
            }
            Linger.drain(socket.getInputStream(), linger, LINGER_BYTES, this::readTimeout);
        } catch (IOException e) {
            // gone, reset or silent: nothing left to protect
        }
    }

    @Override
    public void finishOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            Logger.debug("reset: {}", e.getMessage());
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            Logger.debug("close: {}", e.getMessage());
        }
    }
}

package dev.eco.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * RFC 862 over TCP: the bytes exactly as given, no terminator, then read until as many bytes came back,
 * and check they are the same. Writing runs on its own thread while this one reads, so a message larger
 * than the socket buffers cannot stall both ends.
 */
public final class RawExchange implements Exchange {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String shownAs;
    private final Duration timeout;

    public RawExchange(String host, int port, Duration timeout) throws IOException {
        this.socket = Connector.connect(host, port, timeout);
        this.shownAs = Endpoints.describe(host, port);
        this.timeout = timeout;
        // the socket is ours until the constructor returns: whatever fails before that must close it
        try {
            socket.setSoTimeout(Timeouts.millis(timeout));
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        } catch (IOException | RuntimeException e) {
            Timeouts.closeQuietly(socket);
            throw e;
        }
    }

    @Override
    public byte[] roundTrip(byte[] message) throws IOException {
        Thread writer = Thread.ofVirtual().name("eco-send-raw-writer").start(() -> {
            try {
                out.write(message);
                out.flush();
            } catch (IOException e) {
                // the reader sees the same broken connection and reports it
            }
        });
        byte[] reply = new byte[message.length];
        int got = 0;
        try {
            while (got < reply.length) {
                int n = in.read(reply, got, reply.length - got);
                if (n < 0) {
                    throw new ClientException(
                            "connection closed by server after " + got + " of " + reply.length + " bytes came back");
                }
                int mismatch = firstDifference(message, reply, got, got + n);
                if (mismatch >= 0) {
                    throw new ClientException("the echo differs from what was sent at byte " + mismatch + " of "
                            + message.length + ": sent " + hex(message[mismatch]) + ", got " + hex(reply[mismatch]));
                }
                got += n;
            }
        } catch (SocketTimeoutException e) {
            throw new ClientException(
                    "no reply from " + shownAs + " within " + Endpoints.describe(timeout) + ": " + got + " of "
                            + reply.length + " bytes came back",
                    e);
        } finally {
            writer.interrupt();
        }
        return reply;
    }

    private static int firstDifference(byte[] sent, byte[] got, int from, int to) {
        for (int i = from; i < to; i++) {
            if (sent[i] != got[i]) {
                return i;
            }
        }
        return -1;
    }

    private static String hex(byte b) {
        return String.format("0x%02x", b & 0xff);
    }

    @Override
    public void close() {
        Timeouts.closeQuietly(socket);
    }
}

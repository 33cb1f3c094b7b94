package dev.eco.it.hostile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A well-behaved member of a busy room: says a line and must hear it back within {@link Probe#BOUND}, reading
 * whatever the room sent before it as fast as it comes.
 */
final class BusyRoomProbe implements Attack.Asker, AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String room;
    private long count;
    private long slowestNanos;

    BusyRoomProbe(InetSocketAddress server, String room) throws IOException {
        socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout((int) Probe.BOUND.toMillis());
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        this.room = room;
        out.write(("/nick probe\n/join " + room + "\n").getBytes(StandardCharsets.US_ASCII));
        skipTo("joined " + room);
    }

    @Override
    public void roundTrip() throws IOException {
        long start = System.nanoTime();
        String line = "probe " + count;
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        skipTo("[" + room + "] <probe> " + line);
        count++;
        slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
    }

    /** Reads lines up to one that starts with {@code expected}, within the bound in all. */
    private void skipTo(String expected) throws IOException {
        long deadline = System.nanoTime() + Probe.BOUND.toNanos();
        try {
            for (String got = in.readLine(); got == null || !got.startsWith(expected); got = in.readLine()) {
                if (got == null) {
                    throw new AssertionError("the busy-room probe was disconnected waiting for '" + expected + "'");
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the busy-room probe did not hear '" + expected + "' within "
                            + Probe.BOUND.toMillis() + " ms");
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "the busy-room probe did not hear '" + expected + "' within " + Probe.BOUND.toMillis() + " ms", e);
        }
    }

    @Override
    public String toString() {
        return count + " busy-room probes, slowest "
                + Duration.ofNanos(slowestNanos).toMillis() + " ms (bound " + Probe.BOUND.toMillis() + " ms)";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

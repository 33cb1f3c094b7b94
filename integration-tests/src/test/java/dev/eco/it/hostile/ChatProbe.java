package dev.eco.it.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The well-behaved chat member: says a line in its own room and must hear it back within {@link Probe#BOUND}. */
final class ChatProbe implements Attack.Asker, AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final String room;
    private final String nick;
    private long count;
    private long slowestNanos;

    ChatProbe(InetSocketAddress server, String nick, String room) throws IOException {
        this.socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout((int) Probe.BOUND.toMillis());
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.room = room;
        this.nick = nick;
        send("/nick " + nick);
        assertEquals("nick " + nick, in.readLine());
        send("/join " + room);
        assertEquals("joined " + room + ", members: " + nick, in.readLine());
    }

    @Override
    public void roundTrip() throws IOException {
        long start = System.nanoTime();
        String line = "hello " + count;
        send(line);
        String expected = "[" + room + "] <" + nick + "> " + line;
        try {
            for (String got = in.readLine(); !got.equals(expected); got = in.readLine()) {
                if (!got.startsWith("* ")) { // presence notices may come in between; nothing else may
                    throw new AssertionError("the chat probe got '" + got + "' instead of '" + expected + "'");
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "the chat probe did not hear '" + line + "' within " + Probe.BOUND.toMillis() + " ms", e);
        }
        count++;
        slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
    }

    private void send(String line) throws IOException {
        socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return count + " chat probes, slowest " + Duration.ofNanos(slowestNanos).toMillis() + " ms (bound "
                + Probe.BOUND.toMillis() + " ms)";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

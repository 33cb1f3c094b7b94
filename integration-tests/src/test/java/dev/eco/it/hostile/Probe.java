package dev.eco.it.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The well-behaved client of every attack: a line round trip on a connection it holds from before the attack,
 * and on a new connection each time, each within {@link #BOUND} or the test fails. It remembers the slowest.
 */
final class Probe implements Attack.Asker, AutoCloseable {

    /**
     * The bound on one round trip (connect included, for the new connection) during and after an attack. Far
     * above a quiet machine's sub-millisecond figure: the 2 cores are shared with other builds, and the bound
     * is there to catch a stall, not to measure speed.
     */
    static final Duration BOUND = Duration.ofSeconds(2);

    private final InetSocketAddress server;
    private final Socket held;
    private final BufferedReader heldIn;
    private long count;
    private long slowestNanos;

    Probe(InetSocketAddress server) throws IOException {
        this.server = server;
        this.held = open(server);
        this.heldIn = reader(held);
        roundTrip();
    }

    /** One round trip on the held connection and one on a new connection. */
    @Override
    public void roundTrip() throws IOException {
        long start = System.nanoTime();
        ask(held, heldIn, "held " + count);
        try (Socket fresh = open(server)) {
            ask(fresh, reader(fresh), "fresh " + count);
        }
        count++;
        slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
    }

    long count() {
        return count;
    }

    Duration slowest() {
        return Duration.ofNanos(slowestNanos);
    }

    @Override
    public String toString() {
        return count + " probes, slowest " + slowest().toMillis() + " ms (bound " + BOUND.toMillis() + " ms)";
    }

    private static void ask(Socket socket, BufferedReader in, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            assertEquals(line, in.readLine(), "the well-behaved client's echo");
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "the well-behaved client got no echo of '" + line + "' within " + BOUND.toMillis() + " ms", e);
        }
    }

    private static Socket open(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, (int) BOUND.toMillis());
            socket.setSoTimeout((int) BOUND.toMillis());
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new AssertionError("the well-behaved client could not connect within " + BOUND.toMillis() + " ms", e);
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        held.close();
    }
}

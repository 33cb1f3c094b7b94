package dev.eco.server.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.server.Loops;
import dev.eco.server.ServerLoop;
import dev.eco.server.ServerMetrics;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.testing.FaultPlan;
import dev.eco.server.testing.Taps;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sweeper against connections whose check fails: the others keep their timeouts, or the health check hears. */
class SweeperTest {

    private static final Timeouts IDLE = new Timeouts(Duration.ofMillis(200), Duration.ZERO, Duration.ZERO);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Map<String, Close> closed = new ConcurrentHashMap<>();
    private final ServerMetrics counting = new ServerMetrics() {};

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    @Test
    void aConnectionWhoseCheckThrowsStopsNoTimeoutOfTheOthers() throws Exception {
        Loops loops = new Loops(ServerMetrics.NONE);
        Connections connections = connections(loops);
        FailingWire broken = start(connections, "broken", new IllegalStateException("a bug in ending one connection"));
        await().atMost(Duration.ofSeconds(5)).until(() -> broken.failures().get() > 0);
        start(connections, "healthy", null); // its idle time begins after the sweeper's first failure
        await("the healthy connection's idle timeout, sweeps after the broken one failed")
                .atMost(Duration.ofSeconds(5))
                .until(() -> closed.get("healthy") == Close.IDLE_TIMEOUT);
        assertTrue(loops.ended().isEmpty(), "the sweeper goes on: " + loops.ended());
        assertEquals(null, closed.get("broken"), "the broken one is still open");
    }

    @Test
    void anErrorEndsTheSweeperAndTheHealthCheckHearsOfIt() throws Exception {
        Loops loops = new Loops(ServerMetrics.NONE);
        Connections connections = connections(loops);
        start(connections, "broken", new StackOverflowError("injected"));
        await().atMost(Duration.ofSeconds(5)).until(loops::ended, ended -> ended.contains(ServerLoop.SWEEPER));
    }

    private Connections connections(Loops loops) {
        Connections connections = new Connections(10, 0, IDLE, loops);
        opened.add(() -> connections.shutdown(Duration.ofSeconds(1)));
        connections.startSweeper();
        return connections;
    }

    /** A connection on a real socket pair whose wire throws {@code failure} when asked to end its input (if any). */
    private FailingWire start(Connections connections, String name, Throwable failure) throws IOException {
        Socket client;
        Socket server;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            server = listener.accept();
        }
        opened.add(client);
        Wire plain = new PlainTransport().accept(server);
        FailingWire failing = new FailingWire(plain, failure, new AtomicInteger());
        Wire wire = failure == null ? plain : failing;
        Session.Factory session = connection -> new Session() {
            @Override
            public Close serve() throws IOException {
                while (connection.read(new byte[16]) >= 0) {
                    // reads until the input ends
                }
                Close how = connection.inputEnd();
                closed.put(name, how);
                return how;
            }

            @Override
            public String counts() {
                return name;
            }
        };
        Slot slot = (Slot) connections.tryAdmit(client.getLocalAddress());
        connections.start(
                slot,
                new ConnectionHandler(
                        wire, ServerMetrics.ListenerKind.TCP, counting, session, new Taps(FaultPlan.NONE)),
                name);
        return failing;
    }

    /** A plain wire whose {@link #endInput} fails, as a bug in it would. */
    private record FailingWire(Wire plain, Throwable failure, AtomicInteger failures) implements Wire {
        @Override
        public InputStream input() throws IOException {
            return plain.input();
        }

        @Override
        public OutputStream output() throws IOException {
            return plain.output();
        }

        @Override
        public SocketAddress remote() {
            return plain.remote();
        }

        @Override
        public void readTimeout(Duration timeout) throws IOException {
            plain.readTimeout(timeout);
        }

        @Override
        public boolean endInput(End why) {
            failures.incrementAndGet();
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        }

        @Override
        public void closeAndDrain(Duration linger) {
            plain.closeAndDrain(linger);
        }

        @Override
        public void reset() {
            plain.reset();
        }

        @Override
        public void finishOutput() throws IOException {
            plain.finishOutput();
        }

        @Override
        public void close() {
            plain.close();
        }
    }
}

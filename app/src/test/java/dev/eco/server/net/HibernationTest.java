package dev.eco.server.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.server.Loops;
import dev.eco.server.ServerLoop;
import dev.eco.server.ServerMetrics;
import dev.eco.server.testing.FaultPlan;
import dev.eco.server.testing.Taps;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The shared selector where hibernated connections wait, on real loopback sockets, without sessions. */
class HibernationTest {

    private static final Loops LOOPS = new Loops(ServerMetrics.NONE);

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A connection accepted through a channel, as the server accepts them, and its client. */
    private record Pair(ConnectionHandler connection, Wire wire, Socket client) implements AutoCloseable {
        static Pair open() throws IOException {
            try (ServerSocket listener = ServerSocketChannel.open().socket()) {
                listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                Wire wire = new PlainTransport().accept(listener.accept());
                ConnectionHandler connection = new ConnectionHandler(
                        wire, ServerMetrics.ListenerKind.TCP, ServerMetrics.NONE, c -> null, new Taps(FaultPlan.NONE));
                return new Pair(connection, wire, client);
            }
        }

        /** What the connection's thread does before it goes to sleep: its channel non-blocking, drowsy. */
        Pair readyToSleep() throws IOException {
            assertTrue(wire.hibernate(), "a socket accepted through a channel can hibernate");
            connection.activity().drowsy(true);
            return this;
        }

        @Override
        public void close() throws IOException {
            client.close();
            wire.close();
        }
    }

    @Test
    void oneByteResumesTheConnectionOnce() throws Exception {
        List<ConnectionHandler> resumed = new CopyOnWriteArrayList<>();
        try (Hibernation hibernation = new Hibernation(resumed::add, Duration.ZERO, LOOPS);
                Pair pair = Pair.open().readyToSleep()) {
            hibernation.sleep(pair.connection());
            await().atMost(WAIT).until(hibernation::count, n -> n == 1);
            assertEquals(List.of(), resumed, "nothing was sent: it sleeps on");
            pair.client().getOutputStream().write('x');
            await().atMost(WAIT).until(resumed::size, n -> n == 1);
            assertEquals(pair.connection(), resumed.getFirst());
            assertEquals(0, hibernation.count());
            assertTrue(pair.connection().activity().drowsy(), "woken by its client, it stays drowsy");
            SocketChannel channel = (SocketChannel) pair.connection().channel();
            assertEquals(1, channel.read(ByteBuffer.allocate(4)), "the byte is still the connection's to read");
        }
    }

    @Test
    void aWokenConnectionThatEndsAtOnceLeavesNoRegistrationBehind() throws Exception {
        try (Pair pair = Pair.open().readyToSleep();
                Hibernation hibernation = new Hibernation(ConnectionHandler::forceClose, Duration.ZERO, LOOPS)) {
            hibernation.sleep(pair.connection());
            await().atMost(WAIT).until(hibernation::count, n -> n == 1);
            pair.client().getOutputStream().write('x'); // woken, it closes its channel at once
            await("deregistered, so that the descriptor is closed, without another wake")
                    .atMost(WAIT)
                    .until(() -> !pair.connection().channel().isRegistered());
            assertFalse(pair.connection().channel().isOpen());
        }
    }

    @Test
    void aConnectionWokenSoonAfterItFellAsleepIsTalkingAndWakesNoLongerDrowsy() throws Exception {
        List<ConnectionHandler> resumed = new CopyOnWriteArrayList<>();
        try (Hibernation hibernation = new Hibernation(resumed::add, Duration.ofMinutes(1), LOOPS);
                Pair pair = Pair.open().readyToSleep()) {
            hibernation.sleep(pair.connection());
            await().atMost(WAIT).until(hibernation::count, n -> n == 1);
            pair.client().getOutputStream().write('x');
            await().atMost(WAIT).until(resumed::size, n -> n == 1);
            assertFalse(pair.connection().activity().drowsy(), "awake until the sweeper finds it quiet again");
        }
    }

    @Test
    void aHalfCloseResumesIt() throws Exception {
        List<ConnectionHandler> resumed = new CopyOnWriteArrayList<>();
        try (Hibernation hibernation = new Hibernation(resumed::add, Duration.ZERO, LOOPS);
                Pair pair = Pair.open().readyToSleep()) {
            hibernation.sleep(pair.connection());
            await().atMost(WAIT).until(hibernation::count, n -> n == 1);
            pair.client().shutdownOutput();
            await().atMost(WAIT).until(resumed::size, n -> n == 1);
        }
    }

    @Test
    void aConnectionWhoseChannelCannotBeWatchedIsResumedAwake() throws Exception {
        List<ConnectionHandler> resumed = new CopyOnWriteArrayList<>();
        try (Hibernation hibernation = new Hibernation(resumed::add, Duration.ZERO, LOOPS);
                Pair pair = Pair.open().readyToSleep()) {
            pair.wire().close(); // closed by force just before it went to sleep
            hibernation.sleep(pair.connection());
            await().atMost(WAIT).until(resumed::size, n -> n == 1);
            assertFalse(pair.connection().activity().drowsy(), "it must not try to sleep again at once");
        }
    }

    @Test
    void closingWakesEverySleeperAwakeAndLaterOnesAreResumedAtOnce() throws Exception {
        List<ConnectionHandler> resumed = new CopyOnWriteArrayList<>();
        Hibernation hibernation = new Hibernation(resumed::add, Duration.ZERO, LOOPS);
        try (Pair first = Pair.open().readyToSleep();
                Pair second = Pair.open().readyToSleep();
                Pair late = Pair.open().readyToSleep()) {
            hibernation.sleep(first.connection());
            hibernation.sleep(second.connection());
            await().atMost(WAIT).until(hibernation::count, n -> n == 2);
            hibernation.close();
            assertFalse(hibernation.isRunning());
            assertEquals(2, resumed.size(), "close() returns once every sleeper was resumed");
            assertFalse(first.connection().activity().drowsy());
            assertFalse(second.connection().activity().drowsy());
            hibernation.sleep(late.connection());
            assertEquals(3, resumed.size(), "after close, a connection is resumed by the caller at once");
            assertFalse(late.connection().activity().drowsy());
        } finally {
            hibernation.close();
        }
    }

    @Test
    void anErrorEndsTheHibernationLoopAndTheHealthCheckHearsOfIt() throws Exception {
        Loops loops = new Loops(ServerMetrics.NONE);
        try (Hibernation hibernation = new Hibernation(
                        connection -> {
                            throw new StackOverflowError("injected");
                        },
                        Duration.ZERO,
                        loops);
                Pair pair = Pair.open().readyToSleep()) {
            hibernation.sleep(pair.connection());
            await().atMost(WAIT).until(hibernation::count, n -> n == 1);
            pair.client().getOutputStream().write('x');
            await().atMost(WAIT).until(loops::ended, ended -> ended.contains(ServerLoop.HIBERNATION));
            await().atMost(WAIT).until(() -> !hibernation.isRunning());
        }
    }
}

package dev.eco.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.server.ServerMetrics;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.testing.FaultPlan;
import dev.eco.server.testing.Taps;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The connection's ends decided by other threads, on real loopback sockets. */
class ConnectionLifecycleTest {

    /** A connected pair: the server's side wired as the server wires it, and the client's socket. */
    private record Pair(Socket server, Socket client, Wire wire) implements AutoCloseable {
        static Pair open() throws Exception {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                Socket server = listener.accept();
                return new Pair(server, client, new PlainTransport().accept(server));
            }
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.close();
        }
    }

    @Test
    void aShutdownThatLandsDuringAnIdleCloseLeavesThatCloseAlone() throws Exception {
        try (Pair pair = Pair.open()) {
            ConnectionInput input =
                    new ConnectionInput(pair.wire(), new Activity(System.nanoTime()), false, new Taps(FaultPlan.NONE));
            input.open();
            assertTrue(input.expireIdle(), "an idle connection with nothing waiting is ended");
            // Shutdown begins while the reader is still sending its idle notice: its input is already shut.
            assertTrue(
                    input.end(System.nanoTime() + 5_000_000_000L),
                    "shutdown after an idle close must not ask for a force-close");
            assertFalse(pair.server().isClosed());
            assertEquals(-1, input.read(new byte[16], false));
            assertTrue(input.idleExpired(), "the connection ends as idle, the first reason");
            pair.server().getOutputStream().write("idle notice\n".getBytes(StandardCharsets.UTF_8));
            InputStream in = pair.client().getInputStream();
            assertEquals('i', in.read(), "the idle notice still reaches the client");
        }
    }

    @Test
    void anIdleConnectionWithInputWaitingIsNotEnded() throws Exception {
        try (Pair pair = Pair.open()) {
            ConnectionInput input =
                    new ConnectionInput(pair.wire(), new Activity(System.nanoTime()), false, new Taps(FaultPlan.NONE));
            input.open();
            pair.client().getOutputStream().write("late\n".getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (pair.server().getInputStream().available() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the bytes cross loopback within microseconds
            }
            assertFalse(input.expireIdle());
            assertFalse(input.idleExpired());
            byte[] buf = new byte[16];
            assertEquals(5, input.read(buf, false));
        }
    }

    @Test
    void theFirstReasonAnotherThreadGivesIsTheOneKept() throws Exception {
        for (int round = 0; round < 200; round++) {
            try (Pair pair = Pair.open()) {
                ConnectionHandler handler = new ConnectionHandler(
                        pair.wire(),
                        ServerMetrics.ListenerKind.TCP,
                        ServerMetrics.NONE,
                        connection -> null,
                        new Taps(FaultPlan.NONE));
                CyclicBarrier start = new CyclicBarrier(2);
                AtomicReference<Close> winner = new AtomicReference<>();
                AtomicInteger winners = new AtomicInteger();
                Thread slow =
                        Thread.ofPlatform().start(() -> race(start, handler, Close.SLOW_CONSUMER, winner, winners));
                Thread stuck =
                        Thread.ofPlatform().start(() -> race(start, handler, Close.WRITE_TIMEOUT, winner, winners));
                slow.join();
                stuck.join();
                assertEquals(1, winners.get(), "round " + round + ": exactly one reason is the first");
                assertEquals(winner.get(), handler.endedBy(), "round " + round + ": the reason kept is not the first");
            }
        }
    }

    private static void race(
            CyclicBarrier start,
            ConnectionHandler handler,
            Close reason,
            AtomicReference<Close> winner,
            AtomicInteger winners) {
        try {
            start.await();
        } catch (Exception e) {
            return; // the round then fails on the count of winners
        }
        if (handler.endedBy(reason)) {
            winners.incrementAndGet();
            winner.set(reason);
        }
    }
}

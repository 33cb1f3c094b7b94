package dev.eco.server.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
            ConnectionInput input = new ConnectionInput(pair.wire());
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
            ConnectionInput input = new ConnectionInput(pair.wire());
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
    void theReasonAnotherThreadGivesIsTheOneCountedAndTheFirstOneStays() throws Exception {
        try (Pair pair = Pair.open()) {
            BlockingQueue<Close> closed = new LinkedBlockingQueue<>();
            ServerMetrics counting = new ServerMetrics() {
                @Override
                public void connectionClosed(ListenerKind listener, Close reason) {
                    closed.add(reason);
                }
            };
            CountDownLatch reading = new CountDownLatch(1);
            ConnectionHandler handler = new ConnectionHandler(
                    pair.wire(),
                    ServerMetrics.ListenerKind.TCP,
                    counting,
                    connection -> new Session() {
                        @Override
                        public Close serve() throws IOException {
                            reading.countDown();
                            connection.read(new byte[16]); // blocks until the force-close fails it
                            return Close.PEER;
                        }

                        @Override
                        public String counts() {
                            return "";
                        }
                    },
                    new Taps(FaultPlan.NONE));
            Thread.ofVirtual().start(handler);
            assertTrue(reading.await(5, TimeUnit.SECONDS));
            handler.abandon(Close.WRITE_TIMEOUT); // as the sweeper does: the reason, then the force-close
            assertFalse(handler.endedBy(Close.SLOW_CONSUMER), "a second reason is not the first");
            assertEquals(
                    Close.WRITE_TIMEOUT,
                    closed.poll(5, TimeUnit.SECONDS),
                    "counted as the sweeper's reason, not as the reader's failed read");
            assertEquals(Close.WRITE_TIMEOUT, handler.endedBy());
        }
    }

    @Test
    void aClientThatTricklesAfterQuitIsClosedWithinTheLingerInAll() throws Exception {
        ServerConfig config =
                ServerConfig.forTests().toBuilder().idleTimeout(Duration.ZERO).build();
        try (EcoServer server = EcoServer.start(config);
                Socket client = new Socket()) {
            client.connect(server.tcpAddress(), 5_000);
            client.setSoTimeout(5_000);
            OutputStream out = client.getOutputStream();
            out.write("quit\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = client.getInputStream();
            assertEquals("bye\n", new String(in.readNBytes(4), StandardCharsets.US_ASCII));
            AtomicBoolean stop = new AtomicBoolean();
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    while (!stop.get()) {
                        out.write('z'); // a byte every 50 ms: each read of the linger finds one
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed the connection
                }
            });
            try {
                await("the connection closes although its client keeps sending")
                        .atMost(ConnectionHandler.LINGER.multipliedBy(25))
                        .until(server::openConnections, n -> n == 0);
            } finally {
                stop.set(true);
                trickle.join();
            }
        }
    }
}

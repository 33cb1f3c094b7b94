package dev.eco.server.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.server.Loops;
import dev.eco.server.ServerLoop;
import dev.eco.server.ServerMetrics;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.ServerMetrics.Refusal;
import dev.eco.server.testing.FaultPlan;
import dev.eco.server.testing.Taps;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The accept loop where it can fail: a connection's thread that cannot start (as when memory for threads runs
 * out), an error the loop does not survive, and refused clients that never stop sending.
 */
class TcpListenerTest {

    private static final byte[] FULL = "error: server_full: test\n".getBytes(StandardCharsets.US_ASCII);

    /** Greets each connection with one line, then reads until the client hangs up. */
    private static final Session.Factory HELLO = connection -> new Session() {
        @Override
        public Close serve() throws IOException {
            byte[] hello = "hello\n".getBytes(StandardCharsets.US_ASCII);
            connection.write(hello, 0, hello.length, 1, false);
            byte[] buf = new byte[64];
            while (connection.read(buf) >= 0) {
                // the client's bytes are not the point here
            }
            return Close.PEER;
        }

        @Override
        public String counts() {
            return "";
        }
    };

    /** Virtual threads, except the first, which fails to start as when there is no memory for another thread. */
    private static Connections.Threads failingFirst(Throwable failure) {
        AtomicInteger made = new AtomicInteger();
        return (name, body) -> {
            if (made.incrementAndGet() > 1) {
                return Thread.ofVirtual().name(name).unstarted(body);
            }
            return new Thread(body, name) {
                @Override
                public void start() {
                    if (failure instanceof Error error) {
                        throw error;
                    }
                    throw (RuntimeException) failure;
                }
            };
        };
    }

    @Test
    void aThreadThatCannotStartEndsNoLoopAndGivesItsPlaceBackOnce() throws Exception {
        Loops loops = new Loops(ServerMetrics.NONE);
        Connections connections = new Connections(
                1,
                0,
                Timeouts.NONE,
                loops,
                failingFirst(new OutOfMemoryError("unable to create native thread: possibly out of memory")));
        try (Running listener = Running.start(connections, loops)) {
            try (Socket first = listener.connect()) {
                assertEquals(-1, first.getInputStream().read(), "the socket whose thread failed is closed");
            }
            await().atMost(Duration.ofSeconds(5)).until(connections::count, n -> n == 0);
            try (Socket second = listener.connect()) {
                assertEquals("hello", lines(second).readLine(), "the accept loop ended after one thread's failure");
                assertEquals(1, connections.count());
                // The limit is 1 and held: had the failed start given its place back twice, this one would get in.
                try (Socket third = listener.connect()) {
                    assertEquals("error: server_full: test", lines(third).readLine());
                }
            }
            await().atMost(Duration.ofSeconds(5)).until(connections::count, n -> n == 0);
            assertTrue(loops.ended().isEmpty(), "no loop ended: " + loops.ended());
        }
    }

    @Test
    void anErrorTheLoopDoesNotSurviveIsReportedForTheHealthCheck() throws Exception {
        AtomicReferenceMetrics metrics = new AtomicReferenceMetrics();
        Loops loops = new Loops(metrics);
        Connections connections =
                new Connections(10, 0, Timeouts.NONE, loops, failingFirst(new StackOverflowError("injected")));
        try (Running listener = Running.start(connections, loops);
                Socket _ = listener.connect()) {
            await().atMost(Duration.ofSeconds(5)).until(loops::ended, ended -> ended.contains(ServerLoop.ACCEPT_TCP));
            assertEquals(ServerLoop.ACCEPT_TCP, metrics.ended);
            assertEquals(0, connections.count(), "its place is given back all the same");
        }
    }

    @Test
    void aRefusedClientThatKeepsSendingIsClosedWithinTheLingerInAll() throws Exception {
        Loops loops = new Loops(ServerMetrics.NONE);
        Connections connections = new Connections(1, 0, Timeouts.NONE, loops);
        try (Running listener = Running.start(connections, loops);
                Socket admitted = listener.connect();
                Socket refused = listener.connect();
                Trickle trickle = new Trickle(refused)) {
            assertEquals("hello", lines(admitted).readLine());
            assertEquals("error: server_full: test", lines(refused).readLine());
            // A byte every 50 ms, each well within a per-read timeout: only a deadline for the whole drain ends it.
            await("the refusal ends though its client never stops sending")
                    .atMost(Refusals.LINGER.multipliedBy(5))
                    .until(() -> listener.tcp().refusing() == 0);
            await().atMost(Duration.ofSeconds(5)).until(trickle::failed);
        }
    }

    @Test
    void closeEndsTheRefusalsInProgress() throws Exception {
        Loops loops = new Loops(ServerMetrics.NONE);
        Connections connections = new Connections(1, 0, Timeouts.NONE, loops);
        Running listener = Running.start(connections, loops);
        try (Socket admitted = listener.connect();
                Socket refused = listener.connect();
                Trickle _ = new Trickle(refused)) {
            assertEquals("hello", lines(admitted).readLine());
            assertEquals("error: server_full: test", lines(refused).readLine());
            assertEquals(1, listener.tcp().refusing());
            listener.tcp().close();
            assertEquals(0, listener.tcp().refusing(), "close() returned with a refusal still running");
        } finally {
            listener.close();
        }
    }

    /** A listener on loopback with the {@link #HELLO} session, closed with its connections. */
    private record Running(TcpListener tcp, Connections connections) implements AutoCloseable {
        static Running start(Connections connections, Loops loops) throws IOException {
            PlainTransport plain = new PlainTransport();
            TcpListener tcp = new TcpListener(
                    ServerMetrics.ListenerKind.TCP,
                    plain.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16),
                    plain,
                    connections,
                    HELLO,
                    Map.of(Refusal.SERVER_FULL, FULL),
                    ServerMetrics.NONE,
                    new Taps(FaultPlan.NONE),
                    loops);
            tcp.start();
            return new Running(tcp, connections);
        }

        Socket connect() throws IOException {
            Socket socket = new Socket();
            socket.connect(tcp.address(), 5_000);
            socket.setSoTimeout(5_000); // a read that times out fails the test with SocketTimeoutException
            return socket;
        }

        @Override
        public void close() {
            tcp.close();
            try {
                connections.shutdown(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends a byte every 50 ms until the socket fails or it is closed; {@link #failed()} once a write failed. */
    private static final class Trickle implements AutoCloseable {
        private final AtomicBoolean failed = new AtomicBoolean();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        Trickle(Socket socket) {
            thread = Thread.ofVirtual().name("trickle").start(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    while (!stop.get()) {
                        out.write('z');
                        out.flush();
                        Thread.sleep(50);
                    }
                } catch (IOException e) {
                    failed.set(true); // reset by the server's close
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        boolean failed() {
            return failed.get();
        }

        @Override
        public void close() {
            stop.set(true);
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Remembers the loop that ended. */
    private static final class AtomicReferenceMetrics implements ServerMetrics {
        volatile ServerLoop ended;

        @Override
        public void loopEnded(ServerLoop loop) {
            ended = loop;
        }
    }

    private static BufferedReader lines(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }
}

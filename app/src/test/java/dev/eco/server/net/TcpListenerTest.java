package dev.eco.server.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.server.ServerMetrics;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.testing.FaultPlan;
import dev.eco.server.testing.Taps;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The accept loop, with a transport that fails as a bug or an exhausted machine would. */
class TcpListenerTest {

    /** Greets each connection with one line and ends it at its first read. */
    private static final Session.Factory HELLO = connection -> new Session() {
        @Override
        public void start() throws IOException {
            byte[] hello = "hello\n".getBytes(StandardCharsets.US_ASCII);
            connection.write(hello, 0, hello.length, 1, false);
        }

        @Override
        public boolean received(byte[] buf, int n) {
            return false;
        }

        @Override
        public Close ended(Close how) {
            return how;
        }

        @Override
        public String counts() {
            return "";
        }
    };

    @Test
    void aRuntimeExceptionWhileAdmittingOneSocketDoesNotEndTheAcceptLoop() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        Transport failingFirst = new Transport() {
            private final PlainTransport plain = new PlainTransport();

            @Override
            public java.net.ServerSocket bind(InetSocketAddress address, int backlog) throws IOException {
                return plain.bind(address, backlog);
            }

            @Override
            public Wire accept(Socket socket) throws IOException {
                if (accepted.incrementAndGet() == 1) {
                    throw new IllegalStateException("a bug in admitting one socket");
                }
                return plain.accept(socket);
            }
        };
        Connections connections = new Connections(10, Duration.ZERO, Duration.ZERO);
        TcpListener listener = new TcpListener(
                ServerMetrics.ListenerKind.TCP,
                failingFirst.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16),
                failingFirst,
                connections,
                HELLO,
                null,
                ServerMetrics.NONE,
                new Taps(FaultPlan.NONE));
        listener.start();
        try {
            try (Socket first = connect(listener)) {
                assertEquals(-1, first.getInputStream().read(), "the socket that failed is closed");
            }
            try (Socket second = connect(listener)) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("hello", in.readLine(), "the accept loop ended after one socket's failure");
            }
            await("every place given back, the failed admission's too")
                    .atMost(Duration.ofSeconds(5))
                    .until(connections::count, n -> n == 0);
        } finally {
            listener.close();
            connections.shutdown(Duration.ofSeconds(1));
        }
    }

    private static Socket connect(TcpListener listener) throws IOException {
        Socket socket = new Socket();
        socket.connect(listener.address(), 5_000);
        socket.setSoTimeout(5_000); // a read that times out fails the test with SocketTimeoutException
        return socket;
    }
}

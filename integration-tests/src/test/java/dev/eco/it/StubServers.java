package dev.eco.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/**
 * Misbehaving servers for the clients' failure paths, each on a free loopback port: one that never answers,
 * one that answers and then hangs up, one whose echo is wrong. Every connection is served on a virtual
 * thread; {@link #close()} ends them all.
 */
final class StubServers implements AutoCloseable {

    /** What a stub does with each accepted connection. */
    interface Behaviour {
        /** Serves one connection; {@code closing} opens when the stub is closed. */
        void serve(Socket socket, CountDownLatch closing) throws IOException;
    }

    private final ServerSocket listener;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private StubServers(Behaviour behaviour) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("stub-accept-" + port()).start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    accepted.add(socket);
                    Thread.ofVirtual().name("stub-" + socket.getPort()).start(() -> {
                        try (socket) {
                            behaviour.serve(socket, closing);
                        } catch (IOException e) {
                            // the client went away: the test looks at what the client did
                        }
                    });
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    /** Accepts and reads everything, but never writes a byte, nor closes until the stub is closed. */
    static StubServers silent() throws IOException {
        return new StubServers((socket, closing) -> {
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
            try {
                closing.await(); // even the client's end of stream does not make it hang up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Echoes the first line, then closes the connection. */
    static StubServers answersOnceThenCloses() throws IOException {
        return new StubServers((socket, closing) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                out.write(b);
                if (b == '\n') {
                    out.flush();
                    return;
                }
            }
        });
    }

    /** Sends back every byte it receives, passed through {@code change}: a wrong RFC 862 server. */
    static StubServers echoing(UnaryOperator<byte[]> change) throws IOException {
        return new StubServers((socket, closing) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(change.apply(java.util.Arrays.copyOf(buf, n)));
                out.flush();
            }
        });
    }

    int port() {
        return listener.getLocalPort();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public void close() throws IOException {
        closing.countDown();
        listener.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}

package dev.eco.junit.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eco.junit.EcoTest;
import dev.eco.server.EcoServer;
import dev.eco.server.testing.Answer;
import dev.eco.server.testing.Faults;
import dev.eco.server.testing.Recording;
import dev.eco.server.testing.Script;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

// docs/testing.md shows these tests, exactly as they are here (each method, and the client at the end): they
// must compile and pass. The client is what a user's client would be: a timeout on every read, a line that
// ends without its terminator taken for the failure it is, and retries where a retry is safe.
@EcoTest
class ClientUnderFaultsTest {

    @Test
    void latency(InetSocketAddress eco, Faults faults) throws IOException {
        faults.set("latency=1s");
        assertEquals("hello", ask(eco, "hello", Duration.ofSeconds(5))); // waits long enough
        assertThrows(SocketTimeoutException.class, () -> ask(eco, "hello", Duration.ofMillis(100))); // gives up
    }

    @Test
    void bandwidth(InetSocketAddress eco, Faults faults) throws IOException {
        faults.set("bandwidth=4000"); // bytes a second: 2,000 bytes take half a second
        String big = "x".repeat(2_000);
        assertEquals(big, ask(eco, big, Duration.ofSeconds(5)));
    }

    @Test
    void slice(InetSocketAddress eco, Faults faults) throws IOException {
        faults.set("slice=1,pause=5ms"); // one byte per TCP segment
        assertEquals("put me together", ask(eco, "put me together", Duration.ofSeconds(5)));
    }

    @Test
    void closeAfter(InetSocketAddress eco, Faults faults) {
        faults.set("close-after=3"); // "hel", then FIN
        assertThrows(EOFException.class, () -> ask(eco, "hello", Duration.ofSeconds(5))); // not "hel"
    }

    @Test
    void resetAfter(InetSocketAddress eco, Faults faults) throws IOException {
        faults.set("reset-after=0,probability=50%,seed=1"); // half the connections are reset
        assertEquals("hello", askWithRetries(eco, "hello", 10));
    }

    @Test
    void stallAfter(InetSocketAddress eco, Faults faults) {
        faults.set("stall-after=2"); // "he", then nothing
        assertThrows(SocketTimeoutException.class, () -> ask(eco, "hello", Duration.ofMillis(300)));
    }

    @Test
    void blackhole(InetSocketAddress eco, Faults faults) {
        faults.set("blackhole"); // the connect succeeds, nothing else does
        assertThrows(SocketTimeoutException.class, () -> ask(eco, "hello", Duration.ofMillis(300)));
    }

    @Test
    void dropAndDuplicate(EcoServer eco, Faults faults) throws IOException {
        faults.set("drop=50%; duplicate=50%; seed=3");
        InetSocketAddress udp = eco.udpAddress().orElseThrow();
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int id = 1; id <= 5; id++) {
                assertEquals("request " + id, askUdp(socket, udp, "request " + id)); // lost or doubled, it comes
            }
        }
    }

    @Test
    void reorder(EcoServer eco, Faults faults) throws IOException {
        faults.set("reorder=50%");
        InetSocketAddress udp = eco.udpAddress().orElseThrow();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5_000);
            send(socket, udp, "a");
            send(socket, udp, "b");
            assertEquals(
                    List.of("a", "b"),
                    Stream.of(receive(socket), receive(socket)).sorted().toList()); // either order
        }
    }

    @Test
    void whatTheClientSent(InetSocketAddress eco, Recording recording) throws Exception {
        recording.start();
        ask(eco, "HELLO from the client", Duration.ofSeconds(5));
        assertEquals(
                "HELLO from the client",
                recording.takeFrame(Duration.ofSeconds(5)).orElseThrow().text());
    }

    @Test
    void scriptedAnswers(InetSocketAddress eco, Script script) throws IOException {
        script.enqueue("+OK ready").enqueue(Answer.lines("-ERR busy"));
        assertEquals("+OK ready", ask(eco, "HELLO", Duration.ofSeconds(5)));
        assertEquals("-ERR busy", ask(eco, "GET key", Duration.ofSeconds(5)));
        assertEquals("GET key", ask(eco, "GET key", Duration.ofSeconds(5))); // the queue is empty: the echo
    }

    // The client under test.

    /** Sends one line, returns the reply line; an EOFException when the server closed before the line ended. */
    static String ask(InetSocketAddress server, String line, Duration timeout) throws IOException {
        try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write((line + "\n").getBytes(UTF_8));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) { // however the bytes are cut into reads
                if (b < 0) {
                    throw new EOFException("closed after '" + reply.toString(UTF_8) + "', before the line ended");
                }
                reply.write(b);
            }
            return reply.toString(UTF_8);
        }
    }

    /** {@link #ask}, again on a new connection when one breaks: a request that is safe to repeat. */
    static String askWithRetries(InetSocketAddress server, String line, int attempts) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return ask(server, line, Duration.ofSeconds(5));
            } catch (IOException e) {
                if (attempt == attempts) {
                    throw e;
                }
            }
        }
    }

    /** Sends until the answer comes (a lost datagram is sent again), and skips answers to earlier requests. */
    static String askUdp(DatagramSocket socket, InetSocketAddress server, String request) throws IOException {
        socket.setSoTimeout(200);
        for (int attempt = 1; attempt <= 50; attempt++) {
            send(socket, server, request);
            try {
                for (String reply = receive(socket); ; reply = receive(socket)) {
                    if (reply.equals(request)) {
                        return reply; // anything else is a late or duplicate answer to an earlier request
                    }
                }
            } catch (SocketTimeoutException lost) {
                // send it again
            }
        }
        throw new IOException("no answer to '" + request + "' after 50 attempts");
    }

    static void send(DatagramSocket socket, InetSocketAddress server, String text) throws IOException {
        byte[] bytes = text.getBytes(UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    static String receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[512], 512);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), UTF_8);
    }
}

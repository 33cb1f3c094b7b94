package dev.eco.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The lines a client takes from a server: whole, in order, and never longer than it can hold. */
class LineReaderTest {

    private static LineReader reader(String text) {
        return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String next(LineReader reader) throws IOException {
        byte[] line = reader.readLine();
        return line == null ? null : new String(line, StandardCharsets.UTF_8);
    }

    @Test
    void linesEndInLfOrCrlfAndAnUnterminatedLastLineIsALine() throws IOException {
        LineReader lines = reader("one\ntwo\r\n\nlast");
        assertEquals("one", next(lines));
        assertEquals("two", next(lines));
        assertEquals("", next(lines));
        assertEquals("last", next(lines));
        assertNull(next(lines));
    }

    @Test
    void aLineLongerThanTheBoundIsAFailureNotAFullMemory() throws IOException {
        byte[] endless = new byte[3 << 20]; // 3 MiB without a newline, and more would follow
        Arrays.fill(endless, (byte) 'x');
        LineReader lines = new LineReader(new ByteArrayInputStream(endless));
        ClientException e = assertThrows(ClientException.class, lines::readLine);
        assertEquals("the server sent a line longer than 1048576 bytes", e.getMessage());
    }

    @Test
    void aLineOfExactlyTheBoundIsTaken() throws IOException {
        byte[] line = new byte[LineReader.MAX_LINE_BYTES + 2];
        Arrays.fill(line, (byte) 'y');
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        assertEquals(LineReader.MAX_LINE_BYTES, new LineReader(new ByteArrayInputStream(line)).readLine().length);
    }

    @Test
    void sendStopsAtAServerThatSendsAnEndlessLine() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread hostile = Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(); // the message
                    OutputStream out = s.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) 'z');
                    for (int i = 0; i < 1024; i++) { // 64 MiB, never a newline
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    // the client gave up: as it should
                }
            });
            try (LineExchange exchange = new LineExchange("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(10))) {
                ClientException e = assertThrows(ClientException.class, () -> exchange.roundTrip(new byte[] {'h'}));
                assertEquals("the server sent a line longer than 1048576 bytes", e.getMessage());
            }
            hostile.join();
        }
    }

    @Test
    void aReadThatTimesOutKeepsWhatItReadOfTheLine() throws IOException {
        InputStream slow = new InputStream() {
            private final byte[][] parts = {
                "hal".getBytes(StandardCharsets.US_ASCII), null, "f\n".getBytes(StandardCharsets.US_ASCII)
            };
            private int part;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                byte[] next = parts[part++];
                if (next == null) {
                    throw new java.net.SocketTimeoutException("read timed out");
                }
                System.arraycopy(next, 0, b, off, next.length);
                return next.length;
            }
        };
        LineReader lines = new LineReader(slow);
        assertThrows(java.net.SocketTimeoutException.class, lines::readLine);
        assertArrayEquals("half".getBytes(StandardCharsets.US_ASCII), lines.readLine());
    }
}

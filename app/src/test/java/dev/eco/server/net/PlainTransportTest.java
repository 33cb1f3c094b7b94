package dev.eco.server.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the kernel may hold for one accepted connection. */
class PlainTransportTest {

    @Test
    void theSendBufferStaysSmallForAClientThatNeverReads() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket()) {
            client.setReceiveBufferSize(16 * 1024);
            client.connect(listener.getLocalSocketAddress());
            Socket server = listener.accept();
            try {
                new PlainTransport().accept(server);
                AtomicLong written = new AtomicLong();
                Thread writer = Thread.ofVirtual().start(() -> {
                    byte[] chunk = new byte[64 * 1024];
                    try {
                        OutputStream out = server.getOutputStream();
                        while (true) {
                            out.write(chunk); // blocks once the client's window and the send buffer are full
                            written.addAndGet(chunk.length);
                        }
                    } catch (IOException e) {
                        // closed at the end of the test
                    }
                });
                // Left to itself, Linux grows the buffer of a socket written this fast up to tcp_wmem's maximum
                // (4 MiB here) and the writer only blocks after that much: wait until it stops getting further.
                long[] seen = {-1};
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            long now = written.get();
                            boolean stalled = now == seen[0];
                            seen[0] = now;
                            return stalled;
                        });
                int buffer = server.getSendBufferSize();
                assertTrue(
                        buffer <= 2 * PlainTransport.SEND_BUFFER_BYTES,
                        "the kernel's send buffer grew to " + buffer + " bytes (" + written.get()
                                + " written before the write blocked)");
                server.close(); // ends the blocked write
                writer.join();
            } finally {
                server.close();
            }
        }
    }
}

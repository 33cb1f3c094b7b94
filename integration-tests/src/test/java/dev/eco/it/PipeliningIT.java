package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.it.support.TcpStats;
import dev.eco.it.support.TestClient;
import dev.eco.it.support.Tools;
import dev.eco.junit.EcoServerExtension;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client may send many frames before it reads any reply; replies come back complete and in order. */
class PipeliningIT {

    @RegisterExtension
    final EcoServerExtension eco = new EcoServerExtension();

    @Test
    void tenThousandFramesWrittenBeforeAnyReadAreAllAnsweredInOrder() throws Exception {
        int frames = 10_000;
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            // The writer has its own thread: the test would otherwise deadlock on full socket buffers itself.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(
                    () -> {
                        try {
                            OutputStream out = new BufferedOutputStream(client.out(), 8192);
                            for (int i = 0; i < frames; i++) {
                                out.write(("frame " + i + (i % 2 == 0 ? "\n" : "\r\n"))
                                        .getBytes(StandardCharsets.US_ASCII));
                            }
                            out.flush();
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    },
                    runnable -> Thread.ofPlatform().name("pipelining-writer").start(runnable));
            for (int i = 0; i < frames; i++) {
                assertEquals("frame " + i + (i % 2 == 0 ? "" : "\r"), client.readRawLine(), "reply " + i);
            }
            writer.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theRepliesToOneReadGoOutInOneWrite() throws IOException {
        try (TestClient client = TestClient.connect(eco.server().tcpAddress())) {
            assertEquals("warm", client.roundTrip("warm"));
            int serverPort = eco.server().tcpAddress().getPort();
            OptionalLong before = TcpStats.dataSegmentsOut(serverPort, client.localPort());
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                burst.append("f").append(i).append('\n');
            }
            client.send(burst.toString()); // 50 frames, about 200 bytes: one segment, so one read for the server
            for (int i = 0; i < 50; i++) {
                assertEquals("f" + i, client.readLine());
            }
            OptionalLong after = TcpStats.dataSegmentsOut(serverPort, client.localPort());
            Tools.require(
                    before.isPresent() && after.isPresent(),
                    "ss (Debian package iproute2) is needed to count the server's segments");
            // With TCP_NODELAY every write leaves as its own segment: one segment means one write for 50 replies.
            assertEquals(1, after.getAsLong() - before.getAsLong(), "data segments the server sent for 50 replies");
        }
    }
}

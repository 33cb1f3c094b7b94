package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.it.support.TestClient;
import dev.eco.junit.EcoServerExtension;
import dev.eco.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The raw RFC 862 listener: every byte back exactly, no framing, nothing of the server's own. */
class RawEchoIT {

    @RegisterExtension
    final EcoServerExtension eco = new EcoServerExtension(ServerConfig.forTests().toBuilder()
            .greeting("a greeting is for line connections")
            .build());

    @Test
    void everyByteValueComesBackAndNothingElseBeforeIt() throws IOException {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        try (TestClient client = TestClient.connect(eco.server().rawAddress().orElseThrow())) {
            client.send(all);
            // Had the server sent anything of its own (a greeting, a banner), it would come first.
            assertArrayEquals(all, client.readBytes(all.length));
            client.socket().shutdownOutput();
            client.assertEof();
        }
    }

    @Test
    void aMegabyteWithoutNewlinesComesBackExactly() throws Exception {
        long seed = System.nanoTime();
        byte[] payload = new byte[1024 * 1024];
        new Random(seed).nextBytes(payload);
        try (TestClient client = TestClient.connect(eco.server().rawAddress().orElseThrow())) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(
                    () -> {
                        try {
                            client.send(payload);
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    },
                    runnable -> Thread.ofPlatform().name("raw-writer").start(runnable));
            assertArrayEquals(payload, client.readBytes(payload.length), "random payload, seed " + seed);
            writer.get(10, TimeUnit.SECONDS);
            client.socket().shutdownOutput();
            client.assertEof();
        }
    }

    @Test
    void aClientReadingInSmallChunksGetsItsMessageBack() throws IOException {
        byte[] message =
                "a message without a newline, read back seven bytes at a time".getBytes(StandardCharsets.UTF_8);
        try (TestClient client = TestClient.connect(eco.server().rawAddress().orElseThrow())) {
            client.send(message);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] chunk = new byte[7];
            while (got.size() < message.length) {
                int n = client.socket()
                        .getInputStream()
                        .read(chunk, 0, Math.min(chunk.length, message.length - got.size()));
                assertEquals(true, n > 0, "end of stream after " + got.size() + " bytes");
                got.write(chunk, 0, n);
            }
            assertArrayEquals(message, got.toByteArray());
        }
    }
}

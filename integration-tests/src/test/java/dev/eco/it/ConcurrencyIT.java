package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.it.support.Json;
import dev.eco.it.support.TestClient;
import dev.eco.junit.EcoTest;
import dev.eco.server.EcoServer;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Many clients at once, each pipelining text and JSON: no reply goes astray, no state is shared by mistake. */
@EcoTest
class ConcurrencyIT {

    private static final int CLIENTS = 100;
    private static final int FRAMES = 200;

    @Test
    void aHundredPipeliningClientsEachGetTheirOwnRepliesInOrder(EcoServer server) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int id = c;
                clients.add(threads.submit(() -> {
                    try (TestClient client = TestClient.connect(server.tcpAddress())) {
                        Future<?> writer = threads.submit(() -> {
                            OutputStream out = new BufferedOutputStream(client.out());
                            for (int i = 0; i < FRAMES; i++) {
                                out.write(frame(id, i).getBytes(StandardCharsets.UTF_8));
                            }
                            out.flush();
                            return null;
                        });
                        long seq = 0;
                        for (int i = 0; i < FRAMES; i++) {
                            String reply = client.readLine();
                            if (i % 3 == 0) {
                                JsonNode json = Json.parse(reply);
                                assertEquals(
                                        "c" + id + "-" + i,
                                        json.get("body").asString(),
                                        "client " + id + " reply " + i);
                                assertEquals(++seq, json.get("seq").asLong(), "client " + id + " seq");
                            } else {
                                assertEquals("client " + id + " line " + i, reply);
                            }
                        }
                        writer.get(10, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String frame(int client, int i) {
        return i % 3 == 0
                ? "{\"type\":\"message\",\"body\":\"c" + client + "-" + i + "\"}\n"
                : "client " + client + " line " + i + "\n";
    }
}

package dev.eco.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A run that cannot open one of its selectors fails at once and leaves no generator thread behind. */
class BenchStartTest {

    @Test
    void aSelectorThatCannotBeOpenedLeavesNoWorkerWaiting() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            BenchConfig config = new BenchConfig(
                    Mode.RAW,
                    "127.0.0.1",
                    server.getLocalPort(),
                    4,
                    Duration.ofSeconds(1),
                    Duration.ZERO,
                    16,
                    1,
                    0,
                    Duration.ofSeconds(5),
                    4);
            AtomicInteger made = new AtomicInteger();
            Bench.Workers thirdFails = (c, target, sources, mine, connected, go) -> {
                if (made.incrementAndGet() == 3) {
                    throw new BenchException("could not open a selector: Too many open files");
                }
                try {
                    return new StreamWorker(c, target, sources, mine, connected, go);
                } catch (IOException e) {
                    throw new BenchException("could not open a selector: " + e.getMessage(), e);
                }
            };
            BenchException e = assertThrows(BenchException.class, () -> Bench.run(config, null, null, thirdFails));
            assertEquals("could not open a selector: Too many open files", e.getMessage());
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("eco-bench-")) {
                    var _ = t.join(Duration.ofSeconds(5)); // a thread that ends, ends at once
                    assertFalse(t.isAlive(), t.getName() + " is still waiting for a start that will never come");
                }
            }
        }
    }
}

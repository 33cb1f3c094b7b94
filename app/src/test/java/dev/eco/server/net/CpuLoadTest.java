package dev.eco.server.net;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The signal for the readers' yield follows this process's own CPU use. */
class CpuLoadTest {

    @Test
    void busyWhileEveryProcessorSpinsAndNotOnceTheyStop() throws InterruptedException {
        CpuLoad load = new CpuLoad();
        AtomicBoolean spin = new AtomicBoolean(true);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            spinners.add(Thread.ofPlatform().daemon().start(() -> {
                long x = 0;
                while (spin.get()) {
                    x += System.nanoTime() & 1;
                }
                if (x == 42) {
                    System.out.print(""); // keeps the loop from being optimised away
                }
            }));
        }
        try {
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> load.busySinceLastLook(System.nanoTime()));
        } finally {
            spin.set(false);
            for (Thread spinner : spinners) {
                spinner.join();
            }
        }
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !load.busySinceLastLook(System.nanoTime()));
    }
}

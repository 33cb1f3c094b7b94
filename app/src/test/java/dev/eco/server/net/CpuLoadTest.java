package dev.eco.server.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The signal for the readers' yield: busy when the process used at least half of all its processors' time
 * since the last look. The CPU time is given, not measured, so that a machine busy with other work cannot
 * change the answer.
 */
class CpuLoadTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void busyFromHalfOfEveryProcessorsTime() {
        AtomicLong cpu = new AtomicLong(5 * SECOND);
        CpuLoad load = new CpuLoad(cpu::get, 2, 0);
        cpu.addAndGet(SECOND); // one second of CPU in a second of wall time, on two processors: half
        assertTrue(load.busySinceLastLook(SECOND));
        cpu.addAndGet(SECOND - 1);
        assertFalse(load.busySinceLastLook(2 * SECOND), "just under half");
        assertFalse(load.busySinceLastLook(3 * SECOND), "idle");
        cpu.addAndGet(2 * SECOND);
        assertTrue(load.busySinceLastLook(4 * SECOND), "both processors, the whole second");
    }

    @Test
    void neverBusyWhereTheCpuTimeIsUnknown() {
        CpuLoad load = new CpuLoad(() -> -1, 2, 0);
        assertFalse(load.busySinceLastLook(SECOND));
    }
}

package dev.eco.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuietLogTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFloodGetsOneLinePerPeriodWithTheCountOfTheRest() {
        QuietLog log = new QuietLog(Duration.ofSeconds(10));
        assertEquals(0, log.tryLog(0), "the first is logged at once");
        int logged = 0;
        for (int i = 1; i <= 10_000; i++) {
            if (log.tryLog(i * 999_000L) >= 0) { // 10,000 events within 10 s
                logged++;
            }
        }
        assertEquals(0, logged, "nothing more within the period");
        assertEquals(10_000, log.tryLog(11 * SECOND), "the next line tells how many were not logged");
        assertEquals(-1, log.tryLog(12 * SECOND));
    }
}

package dev.eco.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fault specs as people write them: what they mean, how they print, and one sentence for each mistake. */
class FaultPlanTest {

    @Test
    void everyFaultReadsAndPrintsBackTheSame() {
        String text = """
                latency=200ms,jitter=50ms
                bandwidth=1000
                slice=16,pause=20ms
                close-after=10
                reset-after=0,probability=50%
                stall-after=5
                blackhole,probability=0.5%
                drop=10%
                duplicate=2.5%
                reorder=100%
                seed=42""";
        FaultPlan plan = FaultPlan.parse(text);
        assertEquals(10, plan.faults().size());
        assertEquals(text, plan.lines());
        assertEquals(plan, FaultPlan.parse(plan.lines()));
        assertEquals(OptionalLong.of(42), plan.seed());
    }

    @Test
    void aSpecMeansWhatItSays() {
        FaultPlan plan = FaultPlan.parse("latency=1.5s, jitter=250ms; slice=4; drop=10%,probability=50%");
        assertEquals(
                List.of(
                        new Fault.Latency(Duration.ofMillis(1500), Duration.ofMillis(250), 1),
                        new Fault.Slice(4, Fault.Slice.DEFAULT_PAUSE, 1),
                        new Fault.Drop(10, 0.5)),
                plan.faults());
        assertEquals("latency=1500ms,jitter=250ms; slice=4; drop=10%,probability=50%", plan.toString());
    }

    @Test
    void severalFaultsInOneSpecAndRepeatedSpecsAddUp() {
        FaultPlan one = FaultPlan.parse("latency=200ms,slice=10,pause=5ms");
        assertEquals(2, one.faults().size());
        FaultPlan both = FaultPlan.parse("latency=200ms").and(FaultPlan.parse("drop=10%"));
        assertEquals(FaultPlan.parse("latency=200ms;drop=10%"), both);
    }

    @Test
    void noneAndBlankAreNoFault() {
        assertSame(FaultPlan.NONE, FaultPlan.parse("none"));
        assertSame(FaultPlan.NONE, FaultPlan.parse("  \n ; "));
        assertEquals("none", FaultPlan.NONE.toString());
        assertTrue(FaultPlan.parse("seed=7").isEmpty());
    }

    @Test
    void seededPlansRollTheSameDice() {
        FaultPlan a = FaultPlan.parse("drop=10%,seed=9");
        FaultPlan b = FaultPlan.parse("drop=10%,seed=9");
        assertEquals(a.datagramDice().nextLong(), b.datagramDice().nextLong());
        assertEquals(a.connectionDice().nextLong(), b.connectionDice().nextLong());
        assertNotEquals(
                FaultPlan.parse("drop=10%").datagramDice().nextLong(),
                FaultPlan.parse("drop=10%").datagramDice().nextLong());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "lateny=200ms | 'lateny' is not a fault: use latency, bandwidth, slice, close-after, reset-after,"
                        + " stall-after, blackhole, drop, duplicate or reorder",
                "latency | latency needs a value: latency=200ms",
                "latency=200 | latency=200 needs a unit: latency=200ms or latency=200s (ms, s, m, h)",
                "latency=fast | 'latency=fast' is not a duration: use e.g. latency=200ms, 1.5s, 5m or 1h",
                "latency=0 | latency must be more than 0",
                "jitter=5ms | jitter must follow its fault in the same spec, as in latency=200ms,jitter=50ms",
                "slice=10,jitter=5ms | jitter belongs to latency, not to slice: latency=200ms,jitter=50ms",
                "latency=1s,pause=5ms | pause belongs to slice, not to latency: slice=16,pause=20ms",
                "latency=1s,jitter=1ms,jitter=2ms | jitter is given twice: give it once",
                "latency=1s;latency=2s | latency is given twice: give each fault once",
                "drop=10 | drop=10 needs a %: drop=10%",
                "drop=ten% | 'drop=ten%' is not a percentage: use e.g. drop=10% or drop=0.5%",
                "drop=150% | drop must be more than 0% and at most 100%, not 150%",
                "drop=0% | drop must be more than 0% and at most 100%, not 0%",
                "slice=0 | slice must be at least 1, not 0",
                "slice=-1 | 'slice=-1' is not a number of bytes: use a whole number, e.g. slice=16",
                "bandwidth=1k | 'bandwidth=1k' is not a number of bytes: use a whole number, e.g. bandwidth=16",
                "blackhole=yes | blackhole takes no value: write blackhole",
                "latency=1s,probability=0% | probability must be more than 0% and at most 100%, not 0%",
                "seed=x | 'seed=x' is not a whole number: use e.g. seed=42",
                "seed=1;seed=2 | seed is given twice: give it once",
            })
    void eachMistakeIsOneSentence(String spec, String sentence) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(spec));
        assertEquals(sentence, e.getMessage());
    }

    @Test
    void jitterNeverMakesADelayNegative() {
        Fault.Latency latency = new Fault.Latency(Duration.ofMillis(1), Duration.ofMillis(5), 1);
        var dice = FaultPlan.parse("seed=1").datagramDice();
        for (int i = 0; i < 1_000; i++) {
            long delay = latency.delayNanos(dice);
            assertTrue(delay >= 0 && delay <= Duration.ofMillis(6).toNanos(), "delay " + delay);
        }
    }
}

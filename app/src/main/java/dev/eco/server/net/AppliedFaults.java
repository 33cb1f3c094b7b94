package dev.eco.server.net;

import dev.eco.server.testing.Fault;
import dev.eco.server.testing.FaultPlan;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The faults of a {@link FaultPlan} that apply to one connection: each fault's probability is rolled once, when
 * the connection takes the plan up, so a connection is either under a fault for the plan's whole life or not at
 * all. A field is null when its fault does not apply.
 *
 * @param dice the connection's own random numbers, for a latency's jitter
 */
record AppliedFaults(
        SplittableRandom dice,
        Fault.Latency latency,
        Fault.Bandwidth bandwidth,
        Fault.Slice slice,
        Fault.CloseAfter closeAfter,
        Fault.ResetAfter resetAfter,
        Fault.StallAfter stallAfter,
        boolean blackholed) {

    /** Rolls each of the plan's faults for one connection. */
    static AppliedFaults roll(FaultPlan plan) {
        SplittableRandom dice = plan.connectionDice();
        return new AppliedFaults(
                dice,
                roll(plan.find(Fault.Latency.class), dice),
                roll(plan.find(Fault.Bandwidth.class), dice),
                roll(plan.find(Fault.Slice.class), dice),
                roll(plan.find(Fault.CloseAfter.class), dice),
                roll(plan.find(Fault.ResetAfter.class), dice),
                roll(plan.find(Fault.StallAfter.class), dice),
                roll(plan.find(Fault.Blackhole.class), dice) != null);
    }

    private static <F extends Fault> F roll(Optional<F> fault, SplittableRandom dice) {
        return fault.filter(f -> f.probability() >= 1 || dice.nextDouble() < f.probability())
                .orElse(null);
    }

    /** Bytes until the first cut, once {@code written} have left; {@link Long#MAX_VALUE} when no fault cuts. */
    long budget(long written) {
        long budget = Long.MAX_VALUE;
        if (resetAfter != null) {
            budget = resetAfter.bytes() - written;
        }
        if (closeAfter != null) {
            budget = Math.min(budget, closeAfter.bytes() - written);
        }
        if (stallAfter != null) {
            budget = Math.min(budget, stallAfter.bytes() - written);
        }
        return Math.max(0, budget);
    }

    /** A slice's size; with only a bandwidth, what leaves in a tenth of a second, so pacing stays smooth. */
    long piece() {
        if (slice != null) {
            return slice.bytes();
        }
        return bandwidth == null ? Long.MAX_VALUE : Math.max(1, bandwidth.bytesPerSecond() / 10);
    }
}

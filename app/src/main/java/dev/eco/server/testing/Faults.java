package dev.eco.server.testing;

import org.tinylog.Logger;

/**
 * A server's faults, read and replaced while it runs: by a test ({@code server.faults().set("latency=200ms")}),
 * by {@code PUT /faults} on the metrics port, or at start by {@code eco serve --fault}. A change takes effect at
 * each connection's next reply (each decides again, with the faults' probability, whether they apply to it)
 * and at the next datagram; it is logged once, as a warning, since a server that misbehaves on purpose must
 * be easy to tell from one that is broken.
 */
public final class Faults {

    private final Taps taps;

    Faults(Taps taps) {
        this.taps = taps;
    }

    /** The faults in force; {@link FaultPlan#NONE} when there are none. */
    public FaultPlan plan() {
        return taps.now().faults();
    }

    /**
     * Replaces the faults with these specs ({@link FaultPlan#parse}); {@code none} or blank clears them.
     *
     * @throws IllegalArgumentException with one sentence when a spec is wrong; the faults are then unchanged
     */
    public FaultPlan set(String specs) {
        return set(FaultPlan.parse(specs));
    }

    /** Replaces the faults with these. */
    public FaultPlan set(Fault... faults) {
        return set(FaultPlan.of(faults));
    }

    /** Replaces the faults; setting the faults already in force changes nothing (and logs nothing). */
    public FaultPlan set(FaultPlan plan) {
        Taps.Now before =
                taps.update(now -> now.faults().equals(plan) ? now : new Taps.Now(plan, now.recording(), now.script()));
        FaultPlan was = before.faults();
        if (!was.equals(plan)) {
            if (plan.isEmpty() && plan.seed().isEmpty()) {
                Logger.warn("faults off (were: {})", was);
            } else {
                Logger.warn("faults on: {} (were: {})", plan, was);
            }
        }
        return plan();
    }

    /** No faults from now on. */
    public void clear() {
        set(FaultPlan.NONE);
    }

    @Override
    public String toString() {
        return plan().toString();
    }
}

package dev.eco.server.testing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The faults in force: each kind at most once, and an optional {@code seed} that makes every random choice
 * (which connections a fault's probability picks, jitter, which datagrams are dropped) repeat from run to run.
 * Immutable, apart from the dice each connection rolls under it. Read one from text with {@link #parse}:
 *
 * <pre>{@code
 * FaultPlan.parse("latency=200ms,jitter=50ms; drop=10%; seed=42")
 * }</pre>
 */
public final class FaultPlan {

    /** No fault. */
    public static final FaultPlan NONE = new FaultPlan(List.of(), OptionalLong.empty());

    private final List<Fault> faults;
    private final OptionalLong seed;
    /** Each connection's generator is split from this one, in the order connections take up the plan. */
    private final SplittableRandom dice;

    private FaultPlan(List<Fault> faults, OptionalLong seed) {
        this.faults = List.copyOf(faults);
        this.seed = seed;
        this.dice = seed.isPresent() ? new SplittableRandom(seed.getAsLong()) : new SplittableRandom();
    }

    /** These faults, each kind at most once (a second one is refused with a sentence). */
    public static FaultPlan of(List<Fault> faults, OptionalLong seed) {
        EnumSet<Fault.Kind> kinds = EnumSet.noneOf(Fault.Kind.class);
        for (Fault fault : faults) {
            if (!kinds.add(fault.kind())) {
                throw new IllegalArgumentException(fault.kind().spec() + " is given twice: give each fault once");
            }
        }
        return faults.isEmpty() && seed.isEmpty() ? NONE : new FaultPlan(faults, seed);
    }

    public static FaultPlan of(Fault... faults) {
        return of(List.of(faults), OptionalLong.empty());
    }

    /**
     * Reads specs as {@code eco serve --fault} takes them, several separated by {@code ;} or new lines;
     * {@code none} or blank text is no fault.
     *
     * @throws IllegalArgumentException with one sentence that shows the right form
     */
    public static FaultPlan parse(String text) {
        return FaultParser.parse(Objects.requireNonNull(text, "text"));
    }

    /** This plan's faults and then {@code more}'s (as repeated {@code --fault} options add up). */
    public FaultPlan and(FaultPlan more) {
        if (more.seed.isPresent() && seed.isPresent()) {
            throw new IllegalArgumentException("seed is given twice: give it once");
        }
        List<Fault> all = new ArrayList<>(faults);
        all.addAll(more.faults);
        return of(all, seed.isPresent() ? seed : more.seed);
    }

    public List<Fault> faults() {
        return faults;
    }

    public OptionalLong seed() {
        return seed;
    }

    public boolean isEmpty() {
        return faults.isEmpty();
    }

    /** The fault of this type, if the plan has it. */
    public <F extends Fault> Optional<F> find(Class<F> type) {
        return faults.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** A generator of its own for one connection: seeded plans give the same ones in the same order. */
    public SplittableRandom connectionDice() {
        synchronized (dice) {
            return dice.split();
        }
    }

    /** The generator of the UDP listener's choices: seeded plans repeat them datagram for datagram. */
    public SplittableRandom datagramDice() {
        return seed.isPresent() ? new SplittableRandom(~seed.getAsLong()) : new SplittableRandom();
    }

    /** One spec per line, as {@code GET /faults} shows them and {@link #parse} reads them back; {@code none}. */
    public String lines() {
        if (faults.isEmpty() && seed.isEmpty()) {
            return "none";
        }
        List<String> lines = faults.stream().map(Fault::spec).collect(Collectors.toCollection(ArrayList::new));
        seed.ifPresent(s -> lines.add("seed=" + s));
        return String.join("\n", lines);
    }

    /** The plan on one line: {@code latency=200ms,jitter=50ms; drop=10%}, or {@code none}. */
    @Override
    public String toString() {
        return lines().replace("\n", "; ");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaultPlan other && faults.equals(other.faults) && seed.equals(other.seed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(faults, seed);
    }
}

package dev.eco.server.testing;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * What a server's test controls have switched on, as one immutable snapshot ({@link Now}) that the hot paths
 * read once: a TCP connection at each read (its write that answers the read uses the same snapshot), a room's
 * writer at each write, the UDP thread at each datagram. With nothing on, that is one volatile read and an
 * identity comparison with {@link Now#NOTHING}: no allocation, no lock. The controls are {@link #faults()},
 * {@link #recording()} and {@link #script()}; {@code EcoServer} hands them out.
 */
public final class Taps {

    /**
     * What is on at one moment: the faults ({@link FaultPlan#NONE} for none), the recording (null when off)
     * and the script (null when eco answers as usual). {@link #NOTHING} exactly when nothing is on.
     */
    public record Now(FaultPlan faults, FrameLog recording, Script.Active script) {
        public static final Now NOTHING = new Now(FaultPlan.NONE, null, null);

        public Now {
            Objects.requireNonNull(faults, "faults");
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled at every change and every {@link #wake()}: what a held connection waits on. */
    private final Condition changed = lock.newCondition();

    private final AtomicLong connections = new AtomicLong();
    private final Faults faults;
    private final Recording recording;
    private final Script script;
    private volatile Now now = Now.NOTHING;

    /** Starts with these faults on (logged, like any change), nothing else. */
    public Taps(FaultPlan initial) {
        this.faults = new Faults(this);
        this.recording = new Recording(this);
        this.script = new Script(this);
        faults.set(initial);
    }

    public Now now() {
        return now;
    }

    public Faults faults() {
        return faults;
    }

    public Recording recording() {
        return recording;
    }

    public Script script() {
        return script;
    }

    /** The number of a new TCP connection: 1, 2, … in the order they open, for recorded frames. */
    public long nextConnection() {
        return connections.incrementAndGet();
    }

    /** Applies a change and wakes every waiter; returns the snapshot before it. */
    @SuppressWarnings("ReferenceEquality") // NONE is the one plan of no faults
    Now update(UnaryOperator<Now> change) {
        lock.lock();
        try {
            Now before = now;
            Now after = change.apply(before);
            boolean nothing = after.faults() == FaultPlan.NONE && after.recording() == null && after.script() == null;
            now = nothing ? Now.NOTHING : after;
            changed.signalAll();
            return before;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code nanos} while {@code waiting} holds, checked under the lock that every change and
     * {@link #wake()} take: a change made after the check still wakes this waiter. Returns the nanoseconds
     * left.
     */
    @SuppressWarnings("WaitNotInLoop") // one wait: every caller loops over its own condition and deadline
    public long await(BooleanSupplier waiting, long nanos) throws InterruptedException {
        lock.lock();
        try {
            return waiting.getAsBoolean() ? changed.awaitNanos(nanos) : nanos;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter, to look again at what it waits for (a connection ending, say). */
    public void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}

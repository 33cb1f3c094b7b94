package dev.eco.server.net;

import dev.eco.server.ServerMetrics;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.testing.Fault;
import dev.eco.server.testing.FaultPlan;
import dev.eco.server.testing.Taps;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.util.function.BooleanSupplier;

/**
 * The faults of one TCP connection, where its bytes are written. Made at the first write (or open) that finds
 * faults on, so a connection that never meets one costs nothing. It takes up each new {@link FaultPlan} once,
 * deciding then, with each fault's probability, which apply to it; the byte counts of {@code close-after},
 * {@code reset-after} and {@code stall-after} start at 0 then.
 *
 * <p>A fault's pauses (latency, a slice's pause, pacing) and holds (a stall, a blackhole) happen outside the
 * timed kernel write, so the write timeout never mistakes them for a client that does not read; a held
 * connection has no traffic, so the idle timeout ends it ({@link #endHold}). Writes come from one thread at
 * a time (the reader, or the room's writer); {@link #endHold} and {@link #close} from any.
 */
final class ReplyFaults {

    /** The connection's timed write to the socket. */
    @FunctionalInterface
    interface Kernel {
        void write(byte[] bytes, int off, int len) throws IOException;
    }

    private final Taps taps;
    private final Wire wire;
    private final Connection connection;
    private final ServerMetrics metrics;

    private FaultPlan adopted;
    /** What {@link #adopted} means for this connection. */
    private AppliedFaults faults;
    /** Bytes written since the plan was taken up. */
    private long written;
    /** {@link System#nanoTime()} before which the next paced piece may not leave. */
    private long paceClock;

    private volatile boolean holding;
    /** Why the hold in progress ends (the idle timeout); cleared when a hold begins. */
    private volatile Close holdEnd;
    /** Shutdown has begun: a hold in progress, or one that begins later, ends at once. */
    private volatile boolean shuttingDown;

    private volatile boolean closed;

    ReplyFaults(Taps taps, Wire wire, Connection connection) {
        this.taps = taps;
        this.wire = wire;
        this.connection = connection;
        this.metrics = connection.metrics();
    }

    /** At open, before the handshake and the first read: a blackholed connection waits here, unserved. */
    void holdIfBlackholed(FaultPlan plan) throws IOException {
        adopt(plan);
        if (faults.blackholed()) {
            metrics.faultApplied(Fault.Kind.BLACKHOLE);
        }
        while (faults.blackholed()) {
            adopt(hold());
        }
    }

    /** Writes {@code bytes[off..off+len)} under {@code plan}: held, paced, sliced, cut or stalled as it says. */
    void write(FaultPlan plan, byte[] bytes, int off, int len, Kernel out) throws IOException {
        adopt(plan);
        if (faults.latency() != null) {
            metrics.faultApplied(Fault.Kind.LATENCY);
            pause(faults.latency().delayNanos(faults.dice()));
        }
        if (faults.bandwidth() != null) {
            metrics.faultApplied(Fault.Kind.BANDWIDTH);
        }
        if (faults.slice() != null && len > faults.slice().bytes()) {
            metrics.faultApplied(Fault.Kind.SLICE);
        }
        while (true) {
            long budget = faults.budget(written);
            if (budget == 0) {
                cut(); // returns only after a stall, with the new plan taken up
                continue;
            }
            if (len == 0) {
                return;
            }
            int n = (int) Math.min(len, Math.min(budget, faults.piece()));
            if (faults.bandwidth() != null) {
                pace(n);
            }
            out.write(bytes, off, n);
            written += n;
            off += n;
            len -= n;
            if (len > 0 && faults.slice() != null) {
                pause(faults.slice().pause().toNanos());
            }
        }
    }

    @SuppressWarnings("ReferenceEquality") // a plan is an immutable snapshot: another object is a change
    private void adopt(FaultPlan plan) {
        if (plan == adopted) {
            return;
        }
        adopted = plan;
        faults = AppliedFaults.roll(plan);
        written = 0;
        paceClock = 0;
    }

    private void pace(int n) throws IOException {
        long now = System.nanoTime();
        if (paceClock - now < 0) {
            paceClock = now; // no credit for a quiet time: the rate holds from each reply's start
        }
        pause(paceClock - now);
        paceClock += n * 1_000_000_000L / faults.bandwidth().bytesPerSecond();
    }

    /** The first fault whose budget is spent acts: reset, close, or stall (which returns when it ends). */
    private void cut() throws IOException {
        if (faults.resetAfter() != null && written >= faults.resetAfter().bytes()) {
            metrics.faultApplied(Fault.Kind.RESET_AFTER);
            connection.endedBy(Close.FAULT);
            wire.reset();
            throw new FaultCut("reset-after: reset after " + written + " bytes", Close.FAULT, false);
        }
        if (faults.closeAfter() != null && written >= faults.closeAfter().bytes()) {
            metrics.faultApplied(Fault.Kind.CLOSE_AFTER);
            connection.endedBy(Close.FAULT);
            wire.finishOutput();
            throw new FaultCut("close-after: closed after " + written + " bytes", Close.FAULT, true);
        }
        metrics.faultApplied(Fault.Kind.STALL_AFTER);
        adopt(hold());
    }

    /**
     * Holds the connection until the faults change (returns the new plan), the idle timeout or shutdown ends
     * it ({@link FaultCut}), or it is closed.
     */
    @SuppressWarnings("ReferenceEquality") // a plan is an immutable snapshot: another object is a change
    private FaultPlan hold() throws IOException {
        FaultPlan heldUnder = adopted;
        holdEnd = null;
        holding = true;
        try {
            while (true) {
                Close end = shuttingDown ? Close.SHUTDOWN : holdEnd;
                if (end != null) {
                    connection.endedBy(end);
                    throw new FaultCut("held by a fault until " + end, end, true);
                }
                FaultPlan now = taps.now().faults();
                if (now != heldUnder || closed) {
                    checkOpen();
                    return now;
                }
                await(
                        () -> holdEnd == null
                                && !shuttingDown
                                && !closed
                                && taps.now().faults() == heldUnder,
                        Long.MAX_VALUE);
            }
        } finally {
            holding = false;
        }
    }

    private void pause(long nanos) throws IOException {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            checkOpen();
            await(() -> !closed, left);
        }
        checkOpen();
    }

    private void await(BooleanSupplier waiting, long nanos) throws IOException {
        try {
            taps.await(waiting, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a fault held the connection");
        }
    }

    private void checkOpen() throws SocketException {
        if (closed) {
            throw new SocketException("Socket closed");
        }
    }

    /**
     * Ends a hold in progress for this reason: the idle timeout (false, and nothing done, when none is in
     * progress), or shutdown (which also ends any hold that begins later).
     */
    boolean endHold(Close why) {
        if (why == Close.SHUTDOWN) {
            shuttingDown = true;
        } else if (holding) {
            holdEnd = why;
        } else {
            return false;
        }
        taps.wake();
        return holding;
    }

    /** The connection was closed by force: every pause and hold ends at once. */
    void close() {
        closed = true;
        taps.wake();
    }
}

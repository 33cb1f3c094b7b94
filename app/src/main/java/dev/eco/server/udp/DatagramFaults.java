package dev.eco.server.udp;

import dev.eco.server.ServerMetrics;
import dev.eco.server.testing.Fault;
import dev.eco.server.testing.FaultPlan;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The faults of the UDP listener's replies: each reply is decided on its own, with each fault's probability
 * and percentage, by dice seeded from the plan's seed (so a seeded run drops, duplicates and reorders the
 * same datagrams every time). Dropped and blackholed replies are not sent, a duplicated one is sent twice, a
 * reordered one is held and sent right after the next reply that is not (or after {@link Fault.Reorder#MAX_HOLD}),
 * and latency and bandwidth delay replies on a timer thread of their own, made at the first delay. Replies
 * waiting (delayed or held) are at most {@link #MAX_WAITING}; beyond, a reply is dropped, as a full queue
 * drops, and counted as {@code drop}. Only reached when faults are on; synchronized, since the timer sends too.
 */
final class DatagramFaults implements AutoCloseable {

    /** Replies delayed or held at once, at most. */
    static final int MAX_WAITING = 10_000;

    private final DatagramSocket socket;
    private final ServerMetrics metrics;
    private final ArrayDeque<DatagramPacket> held = new ArrayDeque<>();
    private ScheduledThreadPoolExecutor timer;
    private int waiting;
    private boolean releaseScheduled;
    private boolean closed;

    private FaultPlan adopted;
    private SplittableRandom dice;
    private Fault.Latency latency;
    private Fault.Bandwidth bandwidth;
    private Fault.Blackhole blackhole;
    private Fault.Drop drop;
    private Fault.Duplicate duplicate;
    private Fault.Reorder reorder;
    private long paceClock;

    DatagramFaults(DatagramSocket socket, ServerMetrics metrics) {
        this.socket = socket;
        this.metrics = metrics;
    }

    /** Sends the reply {@code buf[off..off+len)} to {@code to} as the plan says: maybe not, twice, late. */
    synchronized void send(FaultPlan plan, byte[] buf, int off, int len, SocketAddress to) throws IOException {
        adopt(plan);
        if (blackhole != null && roll(blackhole.probability())) {
            metrics.faultApplied(Fault.Kind.BLACKHOLE);
            return;
        }
        if (drop != null && roll(drop.probability() * drop.percent() / 100)) {
            metrics.faultApplied(Fault.Kind.DROP);
            return;
        }
        int copies = 1;
        if (duplicate != null && roll(duplicate.probability() * duplicate.percent() / 100)) {
            metrics.faultApplied(Fault.Kind.DUPLICATE);
            copies = 2;
        }
        if (reorder != null && roll(reorder.probability() * reorder.percent() / 100)) {
            metrics.faultApplied(Fault.Kind.REORDER);
            for (int i = 0; i < copies; i++) {
                hold(new DatagramPacket(Arrays.copyOfRange(buf, off, off + len), len, to));
            }
            return;
        }
        for (int i = 0; i < copies; i++) {
            emit(buf, off, len, to);
        }
        releaseHeld();
    }

    @SuppressWarnings("ReferenceEquality") // a plan is an immutable snapshot: another object is a change
    private void adopt(FaultPlan plan) {
        if (plan == adopted) {
            return;
        }
        adopted = plan;
        dice = plan.datagramDice();
        latency = find(plan, Fault.Latency.class);
        bandwidth = find(plan, Fault.Bandwidth.class);
        blackhole = find(plan, Fault.Blackhole.class);
        drop = find(plan, Fault.Drop.class);
        duplicate = find(plan, Fault.Duplicate.class);
        reorder = find(plan, Fault.Reorder.class);
        paceClock = 0;
    }

    private static <F extends Fault> F find(FaultPlan plan, Class<F> type) {
        Optional<F> fault = plan.find(type);
        return fault.orElse(null);
    }

    private boolean roll(double chance) {
        return chance >= 1 || dice.nextDouble() < chance;
    }

    /** Sends now, or after the latency and the pacing, on the timer. */
    private void emit(byte[] buf, int off, int len, SocketAddress to) throws IOException {
        long delay = 0;
        if (latency != null && roll(latency.probability())) {
            metrics.faultApplied(Fault.Kind.LATENCY);
            delay = latency.delayNanos(dice);
        }
        if (bandwidth != null && roll(bandwidth.probability())) {
            long now = System.nanoTime();
            long sendAt = Math.max(now + delay, paceClock);
            paceClock = sendAt + len * 1_000_000_000L / bandwidth.bytesPerSecond();
            if (sendAt - now > delay) {
                metrics.faultApplied(Fault.Kind.BANDWIDTH);
            }
            delay = sendAt - now;
        }
        if (delay <= 0) {
            socket.send(new DatagramPacket(buf, off, len, to));
            return;
        }
        if (closed || waiting >= MAX_WAITING) {
            metrics.faultApplied(Fault.Kind.DROP);
            return;
        }
        waiting++;
        DatagramPacket late = new DatagramPacket(Arrays.copyOfRange(buf, off, off + len), len, to);
        var _ = timer().schedule(() -> sendLate(late), delay, TimeUnit.NANOSECONDS); // sendLate logs its failures
    }

    private void hold(DatagramPacket packet) {
        if (closed || waiting >= MAX_WAITING) {
            metrics.faultApplied(Fault.Kind.DROP);
            return;
        }
        waiting++;
        held.add(packet);
        if (!releaseScheduled) {
            releaseScheduled = true;
            var _ = timer().schedule(this::releaseLate, Fault.Reorder.MAX_HOLD.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void releaseHeld() throws IOException {
        while (!held.isEmpty()) {
            DatagramPacket packet = held.poll();
            waiting--;
            emit(packet.getData(), 0, packet.getLength(), packet.getSocketAddress());
        }
    }

    private synchronized void releaseLate() {
        releaseScheduled = false;
        try {
            releaseHeld();
        } catch (IOException e) {
            Logger.debug("udp: sending a held reply failed: {}", e.getMessage());
        }
    }

    private void sendLate(DatagramPacket packet) {
        synchronized (this) {
            waiting--;
        }
        try {
            socket.send(packet);
        } catch (IOException e) {
            Logger.debug("udp: sending a delayed reply failed: {}", e.getMessage());
        }
    }

    private ScheduledThreadPoolExecutor timer() {
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(
                    1, Thread.ofPlatform().name("eco-udp-faults").daemon(true).factory());
            timer.setRemoveOnCancelPolicy(true);
        }
        return timer;
    }

    /** Stops the timer: replies still waiting are not sent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}

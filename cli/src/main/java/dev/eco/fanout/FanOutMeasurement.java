package dev.eco.fanout;

import dev.eco.client.Endpoints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Measures a chat server's fan-out: N members in one room, each sending on a fixed schedule; reports
 * deliveries per second and delivery latency from the intended send time (so a stalled server cannot hide
 * behind a sender that waited). Members run on virtual threads: one reader each, and one paced sender each.
 */
public final class FanOutMeasurement implements MeasuredMember.Deliveries {

    private final FanOutConfig config;
    private final Recorder latencies = new Recorder(3);
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder disconnected = new LongAdder();
    private final AtomicLong sentInWindow = new AtomicLong();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    public FanOutMeasurement(FanOutConfig config) {
        this.config = config;
    }

    public FanOutResult run() throws IOException, InterruptedException {
        List<InetSocketAddress> servers = new ArrayList<>();
        servers.add(new InetSocketAddress(config.host(), config.port()));
        for (InetSocketAddress other : config.also()) {
            servers.add(new InetSocketAddress(other.getHostString(), other.getPort()));
        }
        List<MeasuredMember> members = new ArrayList<>(config.members());
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < config.members(); i++) {
                MeasuredMember member = connect(servers.get(i % servers.size()), i);
                members.add(member);
                if (config.server() == FanOutConfig.ServerKind.ECO) {
                    member.join(config.room());
                }
                // read from the start: ncat --chat stalls everyone while one member's announcements go unread
                threads.add(Thread.ofVirtual().name("fanout-reader").start(() -> member.receive(this)));
            }
            long now = System.nanoTime();
            windowStart = now + config.warmup().toNanos();
            windowEnd = windowStart + config.duration().toNanos();
            long interval = (long) (1e9 / config.ratePerMember());
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                MeasuredMember member = members.get(i);
                int id = i;
                // spread the members' first sends over one interval, so load is even rather than in waves
                long first = now + interval * i / members.size();
                senders.add(Thread.ofVirtual().name("fanout-sender").start(() -> paced(member, id, first, interval)));
            }
            // A sender stuck in a write (a server that stopped reading) must not hold the run forever: one
            // still sending a second after the window and the drain counts as disconnected, and closing the
            // members below unblocks it.
            long sendersDeadline = windowEnd + config.drain().toNanos() + 1_000_000_000L;
            long stuck = 0;
            for (Thread sender : senders) {
                if (!sender.join(Duration.ofNanos(sendersDeadline - System.nanoTime()))) { // <= 0: no wait
                    stuck++;
                }
            }
            LockSupport.parkNanos(config.drain().toNanos()); // let the last deliveries arrive
            Histogram histogram = latencies.getIntervalHistogram();
            long sent = sentInWindow.get();
            long expected = sent * config.server().receiversPerMessage(config.members());
            return new FanOutResult(
                    config,
                    sent,
                    expected,
                    deliveries.sum(),
                    disconnected.sum() + stuck,
                    config.duration().toNanos() / 1e9,
                    histogram);
        } finally {
            for (MeasuredMember member : members) {
                member.close();
            }
            for (Thread thread : threads) {
                thread.join(1_000);
            }
        }
    }

    /** Connects member {@code index}; a failure says where to and which member, in one sentence. */
    private MeasuredMember connect(InetSocketAddress address, int index) throws IOException {
        try {
            return new MeasuredMember(address);
        } catch (UnknownHostException e) {
            throw new IOException(
                    "cannot connect to " + Endpoints.describe(address.getHostString(), address.getPort())
                            + ": unknown host",
                    e);
        } catch (IOException e) {
            throw new IOException(
                    "cannot connect member " + (index + 1) + " of " + config.members() + " to "
                            + Endpoints.describe(address.getHostString(), address.getPort()) + ": "
                            + (e.getMessage() == null
                                    ? e.getClass().getSimpleName()
                                    : e.getMessage().toLowerCase(Locale.ROOT)),
                    e);
        }
    }

    /**
     * Sends on a fixed schedule until the window ends; a late send keeps its intended time. A member whose
     * connection fails stops sending and counts as disconnected; the others go on.
     */
    private void paced(MeasuredMember member, int id, long first, long interval) {
        long intended = first;
        long seq = 0;
        try {
            while (intended < windowEnd) {
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                member.sendMessage(id, seq++, intended);
                if (intended >= windowStart) {
                    sentInWindow.incrementAndGet();
                }
                intended += interval;
            }
        } catch (IOException e) {
            disconnected.increment();
        }
    }

    @Override
    public void delivered(long intendedNanos, long receivedNanos) {
        if (intendedNanos >= windowStart && intendedNanos < windowEnd) {
            deliveries.increment();
            latencies.recordValue(Math.max(0, (receivedNanos - intendedNanos) / 1_000));
        }
    }

    @Override
    public void disconnected() {
        disconnected.increment();
    }
}

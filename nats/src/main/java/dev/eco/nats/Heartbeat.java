package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tinylog.Logger;

/**
 * This node's heartbeat, and its reading of everyone's. Every {@code heartbeatEvery} it writes
 * {@code PREFIX_NODES.INCARNATION} = {@code NODE TTL_MILLIS} (so the others judge it by its own TTL), then reads
 * every heartbeat into the {@link NodeWatch}. A failed round is tried again after {@link #RETRY_AFTER}. Its own
 * platform thread, so that nothing the reaper waits for delays a beat.
 *
 * <p>It also knows when the others may have judged this node dead: when more than its TTL passed between
 * sending a beat and the acknowledgement of the next one (the node was cut off from NATS, or NATS could not
 * store beats). It then tells {@link #onRevived} handlers, after one request timeout, so that reaping another
 * node had already started for it is over when they check what is left of this node's members.
 */
final class Heartbeat implements AutoCloseable {

    static final Duration RETRY_AFTER = Duration.ofMillis(250);

    private final NatsLink link;
    private final KeyValue nodes;
    private final KvReads reads;
    private final NodeWatch watch;
    private final String incarnation;
    private final byte[] beat;
    private final CopyOnWriteArrayList<Runnable> revived = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private long lastSent;
    private volatile boolean closed;

    Heartbeat(NatsLink link, KeyValue nodes, NodeWatch watch, String incarnation) throws NatsUnavailableException {
        this.link = link;
        this.nodes = nodes;
        this.reads = new KvReads(link, link.settings().nodesBucket());
        this.watch = watch;
        this.incarnation = incarnation;
        NatsSettings settings = link.settings();
        this.beat = KvCall.bytes(settings.node() + " " + settings.nodeTtl().toMillis());
        long sent = System.nanoTime();
        KvCall.run(link, () -> nodes.put(incarnation, beat)); // the others see this node before its members
        this.lastSent = sent;
        this.thread = Thread.ofPlatform()
                .daemon()
                .name("nats-heartbeat " + settings.node())
                .unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Told when this node may have been judged dead while it was away; on a thread of their own. */
    void onRevived(Runnable handler) {
        revived.add(handler);
    }

    private void run() {
        Duration every = link.settings().heartbeatEvery();
        while (!closed) {
            boolean beaten = false;
            try {
                beaten = round();
            } catch (RuntimeException e) {
                Logger.warn(
                        e, "node {}: heartbeat round failed", link.settings().node());
            }
            try {
                Thread.sleep(beaten ? every : RETRY_AFTER);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean round() {
        if (!link.available()) {
            return false;
        }
        long sent = System.nanoTime();
        try {
            nodes.put(incarnation, beat);
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            Logger.debug("node {}: heartbeat not renewed: {}", link.settings().node(), e.toString());
            return false;
        }
        long away = System.nanoTime() - lastSent;
        lastSent = sent;
        if (away >= link.settings().nodeTtl().toNanos()) {
            Logger.warn(
                    "node {}: NATS had no heartbeat of this node for {} ms, more than its TTL: the others may have"
                            + " judged it dead; checking its members' names and rooms",
                    link.settings().node(),
                    away / 1_000_000);
            Thread.ofVirtual().name("nats-revived " + link.settings().node()).start(this::tellRevived);
        }
        try {
            watch.observe(beats(), System.nanoTime());
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            Logger.debug("node {}: heartbeats not read: {}", link.settings().node(), e.toString());
        }
        return true;
    }

    private List<NodeWatch.Beat> beats() throws IOException, JetStreamApiException {
        List<NodeWatch.Beat> beats = new ArrayList<>();
        for (KvReads.Entry entry : reads.scan(">")) {
            beats.add(new NodeWatch.Beat(entry.key(), entry.revision(), ttlNanos(entry.value())));
        }
        return beats;
    }

    /** The TTL in a beat {@code NODE TTL_MILLIS}; this node's own for a beat without one. */
    private long ttlNanos(String value) {
        int space = value.lastIndexOf(' ');
        try {
            return Duration.ofMillis(Long.parseLong(value.substring(space + 1))).toNanos();
        } catch (NumberFormatException e) {
            return link.settings().nodeTtl().toNanos();
        }
    }

    private void tellRevived() {
        try {
            Thread.sleep(link.settings().requestTimeout());
        } catch (InterruptedException e) {
            return;
        }
        revived.forEach(Runnable::run);
    }

    /** The node's revision as the others read it, for a reaper's last look. */
    KvReads reads() {
        return reads;
    }

    /**
     * A clean stop: the heartbeat goes, with no trace (a delete would leave a marker for every stop, forever).
     * What this node failed to clean up is reaped a TTL later.
     */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(link.settings().requestTimeout().toMillis());
            if (link.available()) {
                KvCall.purge(link, link.settings().nodesBucket(), incarnation);
            }
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            Logger.debug("node {}: heartbeat not withdrawn: {}", link.settings().node(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

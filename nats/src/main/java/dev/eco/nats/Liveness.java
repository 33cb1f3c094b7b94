package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * Which nodes are alive, and cleaning up after those that are not.
 *
 * <p>Each node renews {@code PREFIX_NODES.INCARNATION} every {@code heartbeatEvery}; the bucket's max age
 * ({@code nodeTtl}) drops a heartbeat that was not renewed (nats-server 2.9 has bucket-level max age but no
 * per-key TTL, so liveness has a bucket of its own and names do not expire by themselves). After each beat the
 * node compares the live incarnations with the owners of the membership and name entries; entries of a dead
 * incarnation are reaped: a leave is appended to the room with the same {@code Nats-Msg-Id} every survivor (and
 * the dead node itself, had it managed) uses, so the room hears it once, and the entry is deleted only if it is
 * unchanged since it was read, so a name someone has just taken again is never freed.
 *
 * <p>Not too eager: an entry is reaped only after its owner's heartbeat is checked once more, and no node reaps
 * for one {@code nodeTtl} after it (re)connects, so that when NATS itself was down longer than the TTL every node
 * has renewed its heartbeat before anyone judges.
 */
final class Liveness implements AutoCloseable {

    private final NatsLink link;
    private final RoomLog log;
    private final Registry registry;
    private final KeyValue nodes;
    private final String incarnation;
    private final ScheduledExecutorService timer;
    private volatile long judgeAfter;
    private Set<String> lastLive = Set.of();
    private boolean scanned;

    Liveness(NatsLink link, RoomLog log, Registry registry, String incarnation) throws NatsUnavailableException {
        this.link = link;
        this.log = log;
        this.registry = registry;
        this.incarnation = incarnation;
        NatsSettings settings = link.settings();
        this.nodes = Buckets.open(link, settings.nodesBucket(), settings.nodeTtl());
        beat();
        this.judgeAfter = System.nanoTime(); // a fresh node may judge at once: it has just beaten itself
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .daemon()
                .name("nats-liveness " + settings.node())
                .factory());
        long every = settings.heartbeatEvery().toMillis();
        var _ = timer.scheduleWithFixedDelay(
                this::tick, every, every, TimeUnit.MILLISECONDS); // tick() logs its own failures
        link.onReconnect(
                () -> judgeAfter = System.nanoTime() + settings.nodeTtl().toNanos());
    }

    private void tick() {
        try {
            if (!link.available()) {
                return;
            }
            beat();
            if (System.nanoTime() - judgeAfter < 0) {
                return;
            }
            Set<String> live = new HashSet<>(nodes.keys());
            if (!scanned || !live.equals(lastLive)) {
                reap(live);
                scanned = true;
                lastLive = live;
            }
        } catch (NatsUnavailableException | IOException | JetStreamApiException | IllegalStateException e) {
            Logger.debug("node {}: liveness round skipped: {}", link.settings().node(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Logger.warn(e, "node {}: liveness round failed", link.settings().node());
        }
    }

    private void beat() throws NatsUnavailableException {
        try {
            nodes.put(incarnation, link.settings().node().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NatsUnavailableException("cannot renew this node's heartbeat in NATS", e);
        } catch (JetStreamApiException e) {
            throw new NatsUnavailableException("cannot renew this node's heartbeat in NATS", e);
        }
    }

    private void reap(Set<String> live) throws NatsUnavailableException, IOException, JetStreamApiException {
        for (Registry.MemberEntry m : registry.all()) {
            String owner = MemberRef.incarnationOf(m.memberKey());
            if (!live.contains(owner) && dead(owner)) {
                log.append(
                        new RoomEvent.Exited(m.room(), 0, m.nick(), m.memberKey()),
                        RoomLog.exitId(m.memberKey(), m.joinSeq()));
                if (KvCall.deleteIfUnchanged(registry.bucket(), m.key(), m.revision())) {
                    Logger.info(
                            "node {}: {} of a dead node left {}",
                            link.settings().node(),
                            m.nick(),
                            m.room());
                }
            }
        }
        List<KeyValueEntry> names =
                Buckets.entries(registry.bucket(), "nick.*", link.settings().requestTimeout());
        for (KeyValueEntry name : names) {
            String owner = MemberRef.incarnationOf(name.getValueAsString());
            if (!live.contains(owner) && dead(owner)) {
                KvCall.deleteIfUnchanged(registry.bucket(), name.getKey(), name.getRevision());
            }
        }
    }

    /** Checked again right before reaping: a node that started after the list was read is alive. */
    private boolean dead(String owner) throws IOException, JetStreamApiException {
        return !owner.equals(incarnation) && nodes.get(owner) == null;
    }

    /** A clean stop: the heartbeat goes at once, so anything this node failed to clean up is reaped soon. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(link.settings().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (link.available()) {
                nodes.delete(incarnation);
            }
        } catch (IOException | JetStreamApiException e) {
            Logger.debug("node {}: heartbeat not withdrawn: {}", link.settings().node(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.eco.nats;

import io.nats.client.KeyValueManagement;
import io.nats.client.Statistics;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * One eco server's whole NATS side, opened in order and closed in reverse: the connection, the stream and
 * buckets (created, or taken as they are), the room log, the registry of names and members, the heartbeat and
 * the reaper, and the feed that reads the log for local members. The NATS rooms implementation owns one of
 * these.
 */
public final class NatsNode implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final NatsLink link;
    private final RoomLog log;
    private final Registry registry;
    private final Heartbeat heartbeat;
    private final Reaper reaper;
    private final RoomFeed feed;
    private final String incarnation;
    private final List<String> setupNotes;
    private final AtomicLong members = new AtomicLong();
    private boolean closed;

    private NatsNode(NatsLink link, Parts parts, String incarnation, List<String> setupNotes) {
        this.link = link;
        this.log = parts.log;
        this.registry = parts.registry;
        this.heartbeat = parts.heartbeat;
        this.reaper = parts.reaper;
        this.feed = parts.feed;
        this.incarnation = incarnation;
        this.setupNotes = List.copyOf(setupNotes);
    }

    /** What {@link #start} opens, in order; closed in reverse when a later part fails. */
    private static final class Parts {
        RoomLog log;
        Registry registry;
        Heartbeat heartbeat;
        Reaper reaper;
        RoomFeed feed;

        void close() {
            if (feed != null) {
                feed.close();
            }
            if (reaper != null) {
                reaper.close();
            }
            if (heartbeat != null) {
                heartbeat.close();
            }
            if (registry != null) {
                registry.close();
            }
        }
    }

    /**
     * Connects and sets up the stream and buckets (creating them if this is the first node).
     *
     * @throws NatsUnavailableException with one sentence when NATS cannot be reached or refuses the setup
     */
    public static NatsNode start(NatsSettings settings) throws NatsUnavailableException, InterruptedException {
        String incarnation = Long.toString(RANDOM.nextLong() >>> 1, 36);
        NatsLink link = NatsLink.connect(settings);
        Parts parts = new Parts();
        try {
            List<String> notes = new ArrayList<>();
            KeyValueManagement kvm = Buckets.management(link);
            Setup.stream(link, RoomLog.config(settings)).ifPresent(notes::add);
            Setup.bucket(link, kvm, Buckets.config(settings.namesBucket(), settings.replicas()))
                    .ifPresent(notes::add);
            Setup.bucket(link, kvm, Buckets.config(settings.nodesBucket(), settings.replicas()))
                    .ifPresent(notes::add);
            notes.forEach(note -> Logger.warn("node {}: {}", settings.node(), note));
            parts.log = new RoomLog(link);
            parts.registry = new Registry(link);
            long ttl = settings.nodeTtl().toNanos();
            NodeWatch watch = new NodeWatch(
                    ttl,
                    settings.heartbeatEvery()
                            .multipliedBy(2)
                            .plus(settings.requestTimeout())
                            .toNanos());
            parts.heartbeat = new Heartbeat(
                    link, Buckets.open(link, settings.nodesBucket(), settings.requestTimeout()), watch, incarnation);
            parts.heartbeat.start();
            parts.reaper = new Reaper(link, parts.log, parts.registry, watch, parts.heartbeat.reads(), incarnation);
            parts.feed = RoomFeed.open(link, parts.log);
            Logger.info(
                    "node {} ({}) joined the rooms at {}",
                    settings.node(),
                    incarnation,
                    LinkEvents.shown(link.connection()));
            return new NatsNode(link, parts, incarnation, notes);
        } catch (NatsUnavailableException | RuntimeException e) {
            parts.close();
            link.close();
            throw e;
        }
    }

    /** A reference for a new local member (connection), unique across nodes and restarts. */
    public MemberRef newMember() {
        return new MemberRef(link.settings().node(), incarnation, members.incrementAndGet());
    }

    public boolean available() {
        return link.available();
    }

    /** Told each time NATS comes back after a loss. */
    public void onReconnect(NatsLink.ReconnectHandler handler) {
        link.onReconnect(handler);
    }

    /**
     * Told when NATS heard nothing of this node for longer than its TTL: the others may have judged it dead,
     * announced its members as left and freed their names, although their connections are open.
     */
    public void onRevived(Runnable handler) {
        heartbeat.onRevived(handler);
    }

    /** The sentences saying how the stream or buckets found differ from this node's settings; empty when not. */
    public List<String> setupNotes() {
        return setupNotes;
    }

    public NatsSettings settings() {
        return link.settings();
    }

    /**
     * The messages this node has sent to NATS (each request and publish: a round trip, or one way) and received
     * from it, since it connected: what a room operation costs, and what a node pays for the rooms it reads.
     */
    public record Traffic(long sent, long received) {}

    public Traffic traffic() {
        Statistics statistics = link.connection().getStatistics();
        return new Traffic(statistics.getOutMsgs(), statistics.getInMsgs());
    }

    public RoomLog log() {
        return log;
    }

    public Registry registry() {
        return registry;
    }

    public RoomFeed feed() {
        return feed;
    }

    /**
     * Stops reading and withdraws the heartbeat. Call after the local members have left (their leaves are
     * published by the rooms); whatever remains is reaped by the survivors after this node's TTL.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        feed.close();
        reaper.close();
        heartbeat.close();
        registry.close();
        link.close();
    }
}

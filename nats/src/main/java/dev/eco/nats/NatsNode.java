package dev.eco.nats;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * One eco server's whole NATS side, opened in order and closed in reverse: the connection, the room log, the
 * registry of names and members, the liveness heartbeat, and the feed that reads the log for local members.
 * The NATS rooms implementation owns one of these.
 */
public final class NatsNode implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final NatsLink link;
    private final RoomLog log;
    private final Registry registry;
    private final Liveness liveness;
    private final RoomFeed feed;
    private final String incarnation;
    private final AtomicLong members = new AtomicLong();
    private boolean closed;

    private NatsNode(
            NatsLink link, RoomLog log, Registry registry, Liveness liveness, RoomFeed feed, String incarnation) {
        this.link = link;
        this.log = log;
        this.registry = registry;
        this.liveness = liveness;
        this.feed = feed;
        this.incarnation = incarnation;
    }

    /**
     * Connects and sets up the stream and buckets (creating them if this is the first node).
     *
     * @throws NatsUnavailableException with one sentence when NATS cannot be reached or refuses the setup
     */
    public static NatsNode start(NatsSettings settings) throws NatsUnavailableException, InterruptedException {
        String incarnation = Long.toString(RANDOM.nextLong() >>> 1, 36);
        NatsLink link = NatsLink.connect(settings);
        try {
            RoomLog log = RoomLog.open(link);
            Registry registry = Registry.open(link);
            Liveness liveness = new Liveness(link, log, registry, incarnation);
            RoomFeed feed = RoomFeed.open(link, log);
            Logger.info("node {} ({}) joined the rooms at {}", settings.node(), incarnation, settings.url());
            return new NatsNode(link, log, registry, liveness, feed, incarnation);
        } catch (NatsUnavailableException | RuntimeException e) {
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

    public NatsSettings settings() {
        return link.settings();
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
     * published by the rooms); whatever remains is reaped by the survivors within {@code heartbeatEvery}.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        feed.close();
        liveness.close();
        link.close();
    }
}

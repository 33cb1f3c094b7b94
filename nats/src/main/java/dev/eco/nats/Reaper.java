package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.tinylog.Logger;

/**
 * Cleaning up after dead nodes: every {@code heartbeatEvery} it looks at the owners of the names and memberships,
 * and reaps the entries of incarnations the {@link NodeWatch} judges dead: an entry is deleted only if it is
 * unchanged since it was read, so a name someone has just taken again is never freed, and a member's leave is
 * appended to its room with the same {@code Nats-Msg-Id} the dead node itself would have used, so the room hears
 * it once. Right before reaping, the owner's heartbeat is read once more: a node that
 * beat again since it was judged (it was only cut off) is not reaped.
 *
 * <p>It reads every entry only when there is something to judge: at start, while a judged-dead node's
 * heartbeat is still there, while entries of an owner without heartbeat are waiting out the TTL, and every
 * {@link #FULL_SCAN_EVERY} rounds in case a reaper died half-way.
 */
final class Reaper implements AutoCloseable {

    private static final int FULL_SCAN_EVERY = 30;

    private final NatsLink link;
    private final RoomLog log;
    private final Registry registry;
    private final NodeWatch watch;
    private final KvReads beats;
    private final String self;
    private final Thread thread;
    private boolean suspects = true;
    private int rounds;
    private volatile boolean closed;

    Reaper(NatsLink link, RoomLog log, Registry registry, NodeWatch watch, KvReads beats, String self) {
        this.link = link;
        this.log = log;
        this.registry = registry;
        this.watch = watch;
        this.beats = beats;
        this.self = self;
        this.thread = Thread.ofPlatform()
                .daemon()
                .name("nats-reaper " + link.settings().node())
                .start(this::run);
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(link.settings().heartbeatEvery());
                if (link.available()) {
                    round(System.nanoTime());
                }
            } catch (InterruptedException e) {
                return;
            } catch (NatsUnavailableException | IOException | JetStreamApiException | IllegalStateException e) {
                Logger.debug(
                        "node {}: dead-node round skipped: {}", link.settings().node(), e.getMessage());
                suspects = true;
            } catch (RuntimeException e) {
                Logger.warn(
                        e, "node {}: dead-node round failed", link.settings().node());
            }
        }
    }

    private void round(long now) throws NatsUnavailableException, IOException, JetStreamApiException {
        Set<String> deadWatched = new HashSet<>();
        for (String incarnation : watch.watched()) {
            if (!incarnation.equals(self) && watch.dead(incarnation, now)) {
                deadWatched.add(incarnation);
            }
        }
        if (!suspects && deadWatched.isEmpty() && ++rounds % FULL_SCAN_EVERY != 0) {
            return;
        }
        boolean waiting = false;
        for (Registry.MemberEntry m : registry.all()) {
            String owner = MemberRef.incarnationOf(m.memberKey());
            if (judge(owner, now)) {
                reap(m);
            } else {
                waiting |= waitingOut(owner);
            }
        }
        for (KvReads.Entry name : registry.names()) {
            String owner = MemberRef.incarnationOf(name.value());
            if (judge(owner, now)) {
                KvCall.run(link, () -> KvCall.deleteIfUnchanged(registry.bucket(), name.key(), name.revision()));
            } else {
                waiting |= waitingOut(owner);
            }
        }
        for (String incarnation : deadWatched) { // all it owned is reaped: its heartbeat goes too
            if (stillDead(incarnation)) {
                KvCall.purge(link, link.settings().nodesBucket(), incarnation);
            }
            watch.forget(incarnation);
        }
        suspects = waiting;
    }

    /** Whether the entries of {@code owner} are to be reaped now. */
    private boolean judge(String owner, long now) throws NatsUnavailableException {
        return !owner.equals(self) && watch.dead(owner, now) && KvCall.run(link, () -> stillDead(owner));
    }

    /** An owner that never beat while this node watched: it is being timed out, so look again next round. */
    private boolean waitingOut(String owner) {
        return !owner.equals(self) && watch.judgedRevision(owner) == NodeWatch.NEVER;
    }

    /** The last look: dead still if its heartbeat is gone or unchanged since it was judged. */
    private boolean stillDead(String owner) throws IOException, JetStreamApiException {
        KvReads.Entry now = beats.get(owner);
        return now == null || now.revision() == watch.judgedRevision(owner);
    }

    /**
     * The membership first, then the leave, as a member's own node does it: whoever hears the leave and asks
     * {@code /who} must not find the member still there. Only the reaper whose delete took the entry announces
     * the leave (the others would store it once anyway, by its id).
     */
    private void reap(Registry.MemberEntry m) throws NatsUnavailableException {
        KeyValue bucket = registry.bucket();
        if (KvCall.run(link, () -> KvCall.deleteIfUnchanged(bucket, m.key(), m.revision()))) {
            log.append(
                    new RoomEvent.Exited(m.room(), 0, m.nick(), m.memberKey()),
                    RoomLog.exitId(m.memberKey(), m.joinSeq()));
            Logger.info("node {}: {} of a dead node left {}", link.settings().node(), m.nick(), m.room());
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(link.settings().requestTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

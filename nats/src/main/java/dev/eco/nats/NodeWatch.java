package dev.eco.nats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which node incarnations are dead, as this node judges on its own monotonic clock: one whose heartbeat has not
 * been renewed (its revision has not changed) for that node's own TTL, which it publishes with each beat. No
 * clock of another machine is read, and nodes with different TTLs judge each other alike.
 *
 * <p>Judging is only as good as the watching: when this node could not read the heartbeats for longer than
 * {@code maxGap} (it was cut off, or the bucket was electing a leader), it has no idea who beat meanwhile, so
 * every clock starts again and everyone gets a full TTL to show up. An incarnation that owns entries but has
 * no heartbeat at all (gone before this node started) is judged by this node's own TTL from when it was first
 * looked for.
 *
 * <p>Not thread-safe: the liveness threads use it under its monitor.
 */
final class NodeWatch {

    /** One heartbeat as read: its revision and the TTL its node is judged by. */
    record Beat(String incarnation, long revision, long ttlNanos) {}

    private record Seen(long revision, long since, long ttlNanos) {}

    /** The revision of an incarnation never seen beating. */
    static final long NEVER = -1;

    private final Map<String, Seen> seen = new HashMap<>();
    private final long ownTtlNanos;
    private final long maxGapNanos;
    private long lastWatched;
    private boolean watched;

    NodeWatch(long ownTtlNanos, long maxGapNanos) {
        this.ownTtlNanos = ownTtlNanos;
        this.maxGapNanos = maxGapNanos;
    }

    /** All heartbeats, read at {@code now}. */
    synchronized void observe(List<Beat> beats, long now) {
        if (watched && now - lastWatched > maxGapNanos) {
            restart(now);
        }
        for (Beat beat : beats) {
            Seen before = seen.get(beat.incarnation());
            if (before == null || before.revision() != beat.revision()) {
                seen.put(beat.incarnation(), new Seen(beat.revision(), now, beat.ttlNanos()));
            }
        }
        lastWatched = now;
        watched = true;
    }

    /** Every clock starts again at {@code now} (after this node's own outage). */
    synchronized void restart(long now) {
        seen.replaceAll((incarnation, s) -> new Seen(s.revision(), now, s.ttlNanos()));
    }

    /**
     * Whether {@code incarnation} is dead at {@code now}. One not seen before is watched from now on. Nobody is
     * judged while the heartbeats are not being read.
     */
    synchronized boolean dead(String incarnation, long now) {
        if (!watched || now - lastWatched > maxGapNanos) {
            return false;
        }
        Seen s = seen.computeIfAbsent(incarnation, key -> new Seen(NEVER, now, ownTtlNanos));
        return now - s.since() >= s.ttlNanos();
    }

    /** The heartbeat revision {@code incarnation} was judged on: still this one means still dead. */
    synchronized long judgedRevision(String incarnation) {
        Seen s = seen.get(incarnation);
        return s == null ? NEVER : s.revision();
    }

    /** The incarnations being watched. */
    synchronized Set<String> watched() {
        return Set.copyOf(seen.keySet());
    }

    /** Stops watching {@code incarnation}: it was reaped and its heartbeat removed. */
    synchronized void forget(String incarnation) {
        seen.remove(incarnation);
    }
}

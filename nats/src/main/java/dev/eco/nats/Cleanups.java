package dev.eco.nats;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.tinylog.Logger;

/**
 * The NATS side of leaving and of freeing names. Done at once on the caller's thread when NATS is there; when
 * it is not, the step waits here and is done again when NATS is back, so that a member who left while NATS was
 * away is announced as left (once: the leave's id is fixed) and its name freed, rather than haunting the room.
 * Each step may safely be done twice.
 */
final class Cleanups {

    private interface Step {
        void run() throws NatsUnavailableException;
    }

    private record Pending(String what, Step step) {}

    private static final int RETRIES = 40;
    private static final long RETRY_EVERY_MILLIS = 500;

    private final NatsNode node;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    /** Held while steps are done again, so that {@link #settle} returns only when none is half done. */
    private final Object redoing = new Object();

    Cleanups(NatsNode node) {
        this.node = node;
        node.onReconnect(() -> Thread.ofVirtual()
                .name("nats-cleanups " + node.settings().node())
                .start(this::retry));
    }

    /** The member left {@code room}: the others are told, the membership entry goes. */
    void exit(String room, MemberRef who, String nick, long joinSeq) {
        if (joinSeq <= 0) {
            return; // the join itself never reached NATS
        }
        run(new Pending(nick + " leaving " + room, () -> {
            // the membership first: whoever hears the leave and asks /who must not find the member still there
            node.registry().exit(room, who);
            node.log().append(new RoomEvent.Exited(room, 0, nick, who.key()), RoomLog.exitId(who.key(), joinSeq));
        }));
    }

    /** The member's connection ended: its name is free again. */
    void release(String nick, MemberRef who) {
        run(new Pending("the name " + nick, () -> node.registry().releaseNick(nick, who)));
    }

    private void run(Pending step) {
        if (!node.available()) {
            pending.add(step); // at once: a member who leaves while NATS is away is not kept waiting
            return;
        }
        try {
            step.step().run();
        } catch (NatsUnavailableException e) {
            Logger.debug("node {}: {} waits for NATS: {}", node.settings().node(), step.what(), e.getMessage());
            pending.add(step);
        }
    }

    /**
     * Does what waits now, before a join or a new name: a member who left while NATS was away and joins again
     * must be heard leaving before it is heard joining, and its old leave must not delete its new membership.
     */
    void settle() {
        redoOnce(); // even when nothing waits: a step taken by the reconnect thread may be under way
    }

    private void redoOnce() {
        synchronized (redoing) {
            for (int n = pending.size(); n > 0; n--) {
                Pending step = pending.poll();
                if (step == null) {
                    break;
                }
                run(step);
            }
        }
    }

    /**
     * After a reconnect: the steps in the order they were meant, again every {@link #RETRY_EVERY_MILLIS} while
     * JetStream is still recovering, for at most {@link #RETRIES} rounds (the next reconnect starts again).
     */
    private void retry() {
        for (int round = 0; round < RETRIES && !pending.isEmpty() && node.available(); round++) {
            redoOnce();
            try {
                Thread.sleep(RETRY_EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    int waiting() {
        return pending.size();
    }
}

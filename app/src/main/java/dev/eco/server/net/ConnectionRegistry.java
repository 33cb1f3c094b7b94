package dev.eco.server.net;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tinylog.Logger;

/**
 * Every open connection with its place under the limits and its thread while it has one, and the waiting for
 * their threads to end at shutdown, then closing by force those still open.
 */
final class ConnectionRegistry {

    /** An open connection's place, and its thread while it has one: null while it hibernates. */
    private record Held(Slot slot, Thread thread) {}

    private final Map<ConnectionHandler, Held> open = new ConcurrentHashMap<>();

    /** Registers {@code connection} with its place and its thread, or no thread (null) while it hibernates. */
    void put(ConnectionHandler connection, Slot slot, Thread thread) {
        open.put(connection, new Held(slot, thread));
    }

    /** The place of a registered connection. */
    Slot slot(ConnectionHandler connection) {
        return open.get(connection).slot();
    }

    void remove(ConnectionHandler connection) {
        open.remove(connection);
    }

    /** The open connections, a live view. */
    Set<ConnectionHandler> connections() {
        return open.keySet();
    }

    private void forceCloseAll() {
        open.keySet().forEach(ConnectionHandler::forceClose);
    }

    /**
     * Waits until every connection has ended or {@code deadline} ({@link System#nanoTime()}) passes; then closes
     * those still open by force, with a warning that names the {@code grace} they had, and waits briefly for
     * their threads to notice.
     */
    void awaitOrForceClose(long deadline, Duration grace) throws InterruptedException {
        try {
            awaitEnded(deadline);
        } catch (InterruptedException e) {
            forceCloseAll(); // asked to stop waiting: stop now
            throw e;
        }
        if (!open.isEmpty()) {
            Logger.warn(
                    "{} still open after the {} ms shutdown grace; closing them",
                    Plural.of(open.size(), "connection"),
                    grace.toMillis());
            forceCloseAll();
            awaitEnded(System.nanoTime() + Duration.ofSeconds(1).toNanos());
        }
    }

    /**
     * Waits for the connections' threads until none is open or {@code deadline} ({@link System#nanoTime()})
     * passes. A connection woken from hibernation is in the registry with its next thread before its last one
     * ends, so waiting for each thread in turn until the registry is empty misses none.
     */
    private void awaitEnded(long deadline) throws InterruptedException {
        while (!open.isEmpty()) {
            for (Held held : open.values()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                if (held.thread() == null) {
                    Thread.sleep(1); // between two turns: its next thread comes at once, shutdown woke it
                } else {
                    var _ = held.thread().join(Duration.ofNanos(left));
                }
            }
        }
    }
}

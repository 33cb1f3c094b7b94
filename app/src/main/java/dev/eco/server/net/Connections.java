package dev.eco.server.net;

import dev.eco.server.Loops;
import dev.eco.server.ServerMetrics.Refusal;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.tinylog.Logger;

/**
 * The open TCP connections of a server, every listener's together (line, raw, TLS, WebSocket): admission
 * against the connection limits ({@link Places}), the virtual threads of each, the {@link Sweeper} that keeps
 * their timeouts and finds the drowsy, the {@link Hibernation} where those wait without a thread, and the drain
 * at shutdown.
 */
public final class Connections implements AutoCloseable {

    /** Makes a connection's thread, unstarted: a seam for tests, where a thread fails to start as out of memory. */
    @FunctionalInterface
    interface Threads {
        Thread unstarted(String name, Runnable body);
    }

    private final Places places;
    private final ConnectionRegistry open = new ConnectionRegistry();
    private final Duration hibernateAfter;
    private final Loops loops;
    private final Sweeper sweeper;
    private final Threads threads;
    /** Where drowsy connections wait without a thread; null when they never hibernate or before the start. */
    private volatile Hibernation hibernation;

    private volatile boolean closing;

    /** {@link System#nanoTime()} until which shutting-down connections read on; set when shutdown begins. */
    private volatile long readUntil;

    /** No hibernation: every connection keeps its thread while it waits. */
    public Connections(int max, int perAddress, Timeouts timeouts, Loops loops) {
        this(max, perAddress, timeouts, Duration.ZERO, loops);
    }

    /**
     * At most {@code max} connections, and {@code perAddress} from one source address (0 for no such cap); the
     * sweeper keeps {@code timeouts}, and finds a connection quiet for {@code hibernateAfter} drowsy: it then
     * hibernates whenever it has nothing to read (zero: never). A loop that ends is reported to {@code loops}.
     */
    public Connections(int max, int perAddress, Timeouts timeouts, Duration hibernateAfter, Loops loops) {
        this(
                max,
                perAddress,
                timeouts,
                hibernateAfter,
                loops,
                (name, body) -> Thread.ofVirtual().name(name).unstarted(body));
    }

    Connections(int max, int perAddress, Timeouts timeouts, Loops loops, Threads threads) {
        this(max, perAddress, timeouts, Duration.ZERO, loops, threads);
    }

    private Connections(
            int max, int perAddress, Timeouts timeouts, Duration hibernateAfter, Loops loops, Threads threads) {
        this.places = new Places(max, perAddress);
        this.hibernateAfter = hibernateAfter;
        this.loops = loops;
        this.sweeper = new Sweeper(timeouts, hibernateAfter, this::hibernating, open::connections, loops);
        this.threads = threads;
    }

    /**
     * Starts hibernation and the sweeper, once the listeners are bound: a failed start must leave no thread
     * behind.
     */
    public synchronized void startSweeper() throws IOException {
        if (closing) {
            return;
        }
        if (!hibernateAfter.isZero() && hibernation == null) {
            hibernation = new Hibernation(this::resume, hibernateAfter, loops);
        }
        sweeper.start();
    }

    private boolean hibernating() {
        Hibernation current = hibernation;
        return current != null && current.isRunning();
    }

    /** Connections hibernated now, waiting without a thread; for a gauge and tests. */
    public int hibernated() {
        Hibernation current = hibernation;
        return current == null ? 0 : current.count();
    }

    /** Takes a place for a new connection from {@code from}, or says why there is none. */
    Admission tryAdmit(InetAddress from) {
        if (closing) {
            return new Admission.Refused(Refusal.SERVER_FULL);
        }
        Admission admission = places.take(from);
        if (closing && admission instanceof Slot slot) {
            slot.release();
            return new Admission.Refused(Refusal.SERVER_FULL);
        }
        return admission;
    }

    /**
     * Starts an admitted connection on its own virtual thread, named after its peer; a new connection waits for
     * its first bytes hibernated, when hibernation runs. From this call on the connection's {@code slot} is this
     * class's: it is given back once, when the connection ends or its thread fails to start.
     */
    void start(Slot slot, ConnectionHandler connection, String threadName) {
        connection.activity().drowsy(hibernating());
        try {
            run(slot, connection, threadName);
        } catch (RuntimeException | Error e) { // out of memory for a thread, say: the caller logs it
            open.remove(connection);
            slot.release();
            throw e;
        }
        if (closing) {
            connection.beginShutdown(readUntil); // admitted just as shutdown began, after its sweep
        }
    }

    /** Starts a turn of the connection on a new thread, in the registry before it starts, for shutdown to find. */
    private void run(Slot slot, ConnectionHandler connection, String threadName) {
        Thread thread = threads.unstarted(threadName, () -> turn(slot, connection));
        open.put(connection, slot, thread);
        thread.start();
    }

    /** A connection's turn on one of its threads; its thread's last act, when it hibernates, is to go to sleep. */
    private void turn(Slot slot, ConnectionHandler connection) {
        boolean hibernates = false;
        try {
            hibernates = connection.turn();
        } finally {
            if (!hibernates) {
                // The place first: a thread shutdown no longer finds in the registry has given it back.
                slot.release();
                open.remove(connection);
            }
        }
        if (hibernates) {
            open.put(connection, slot, null); // keeps no ended thread
            hibernation.sleep(connection); // from now on another thread may run its next turn
        }
    }

    /** Starts the next turn of a woken connection, on a new thread; on the hibernation thread. */
    private void resume(ConnectionHandler connection) {
        Slot slot = open.slot(connection);
        try {
            run(slot, connection, connection.threadName());
        } catch (RuntimeException | Error e) { // no thread for it (out of memory): it cannot go on
            Logger.warn("{}: could not resume a hibernated connection: {}", connection.name(), e.toString());
            connection.forceClose();
            slot.release();
            open.remove(connection);
        }
    }

    public int count() {
        return places.count();
    }

    public int max() {
        return places.max();
    }

    int perAddress() {
        return places.perAddress();
    }

    /** Connections open from {@code from}, counted only under a cap per address; for tests. */
    int heldBy(InetAddress from) {
        return places.heldBy(from);
    }

    /**
     * Drains: asks each connection to finish, waits up to {@code grace} for all of them, then closes the rest
     * by force and waits briefly for their threads to notice.
     */
    public void shutdown(Duration grace) throws InterruptedException {
        long started = System.nanoTime();
        // Half the grace for reading what clients still send, the rest for answering it and the notice.
        readUntil = started + grace.toNanos() / 2;
        close(); // hibernated connections are awake from here on, each on its thread
        open.connections().forEach(connection -> connection.beginShutdown(readUntil));
        open.awaitOrForceClose(started + grace.toNanos(), grace);
    }

    /**
     * Admits nothing more, stops the sweeper and wakes every hibernated connection (none hibernates again);
     * connections already open are left to {@link #shutdown}.
     */
    @Override
    public synchronized void close() {
        closing = true;
        sweeper.stop();
        if (hibernation != null) {
            hibernation.close();
        }
    }
}

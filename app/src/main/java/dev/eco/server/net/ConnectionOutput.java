package dev.eco.server.net;

import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.testing.FaultPlan;
import dev.eco.server.testing.Taps;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The write side of one TCP connection: each write timed for the write timeout ({@link Activity}), and when
 * faults are on, made through the connection's {@link ReplyFaults}, which exist only from the first fault
 * that meets the connection. With no fault on, a write is one check of the plan and the socket write.
 */
final class ConnectionOutput {

    private final Wire wire;
    private final Activity activity;
    private final Taps taps;
    private final Connection connection;
    private OutputStream out;
    /** Made by the connection's thread at its first fault; read by other threads to end its holds. */
    private volatile ReplyFaults faults;
    /** Shutdown has begun: faults made from now on start with their holds ended. */
    private volatile boolean shuttingDown;

    ConnectionOutput(Wire wire, Activity activity, Taps taps, Connection connection) {
        this.wire = wire;
        this.activity = activity;
        this.taps = taps;
        this.connection = connection;
    }

    /**
     * At open, before the transport's handshake and the first read: a blackholed connection waits here,
     * unserved, until the fault is cleared ({@link FaultCut} when the idle timeout or shutdown ends it).
     */
    void holdIfBlackholed() throws IOException {
        FaultPlan plan = taps.now().faults();
        if (!plan.isEmpty()) {
            faults().holdIfBlackholed(plan);
        }
    }

    /** After the handshake, on the connection's thread. */
    void open() throws IOException {
        out = wire.output();
    }

    /** Writes under these faults ({@link FaultPlan#NONE}: as it is). One thread at a time. */
    void write(FaultPlan plan, byte[] bytes, int off, int len) throws IOException {
        if (plan.isEmpty()) {
            timedWrite(bytes, off, len);
        } else {
            faults().write(plan, bytes, off, len, this::timedWrite);
        }
    }

    private void timedWrite(byte[] bytes, int off, int len) throws IOException {
        activity.writeStarted();
        try {
            out.write(bytes, off, len);
        } finally {
            activity.writeDone();
        }
    }

    private ReplyFaults faults() {
        ReplyFaults made = faults;
        if (made == null) {
            synchronized (this) {
                made = faults;
                if (made == null) {
                    made = new ReplyFaults(taps, wire, connection);
                    faults = made;
                    if (shuttingDown) { // written before faults is read by endHold: one of the two sees it
                        made.endHold(Close.SHUTDOWN);
                    }
                }
            }
        }
        return made;
    }

    /**
     * Ends a fault's hold (a stall, a blackhole): at the idle timeout, the one in progress (false when none
     * is); at shutdown, also any that begins later. Any thread.
     */
    boolean endHold(Close why) {
        if (why == Close.SHUTDOWN) {
            shuttingDown = true;
        }
        ReplyFaults made = faults;
        return made != null && made.endHold(why);
    }

    /** The connection was closed by force: a fault's pause or hold ends at once. Any thread. */
    void closed() {
        ReplyFaults made = faults;
        if (made != null) {
            made.close();
        }
    }
}

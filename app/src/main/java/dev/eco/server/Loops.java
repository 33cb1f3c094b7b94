package dev.eco.server;

import java.util.EnumSet;
import java.util.Set;
import org.tinylog.Logger;

/**
 * Keeps which of a server's {@link ServerLoop}s have ended while it still serves. A loop that ends for any
 * reason but its own close reports here, once: the cause is logged as an error, counted through
 * {@link ServerMetrics#loopEnded}, and {@link EcoServer#health()} says so from then on.
 */
public final class Loops {

    private final ServerMetrics metrics;
    private final Set<ServerLoop> ended = EnumSet.noneOf(ServerLoop.class);

    public Loops(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    /** {@code loop} ended because of {@code cause}; from that loop's own thread. */
    public void ended(ServerLoop loop, Throwable cause) {
        synchronized (ended) {
            if (!ended.add(loop)) {
                return;
            }
        }
        Logger.error(cause, "the {} loop ended; the server no longer reports itself healthy", loop.label());
        metrics.loopEnded(loop);
    }

    /** The loops that have ended. */
    public Set<ServerLoop> ended() {
        synchronized (ended) {
            return Set.copyOf(ended);
        }
    }
}

package dev.eco.server;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a server serves, for a health check: it accepts connections (from a successful start until
 * {@link EcoServer#close()} begins) and none of its long-lived loops has ended.
 *
 * @param accepting   false once shutdown has begun
 * @param endedLoops  the loops that ended while the server still served (each has logged why)
 */
public record Health(boolean accepting, Set<ServerLoop> endedLoops) {

    public Health {
        endedLoops = Set.copyOf(endedLoops);
    }

    /** True when the server accepts and every loop runs. */
    public boolean ok() {
        return accepting && endedLoops.isEmpty();
    }

    /** One line: {@code ok}, {@code draining}, or {@code loop ended: accept_tcp, sweeper}. */
    public String describe() {
        if (!accepting) {
            return "draining";
        }
        if (endedLoops.isEmpty()) {
            return "ok";
        }
        return "loop ended: "
                + endedLoops.stream().sorted().map(ServerLoop::label).collect(Collectors.joining(", "));
    }
}

package dev.eco.it.tls;

import dev.eco.server.ServerMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts how TLS connections ended, by reason, as the server reports them. */
final class CloseCounts implements ServerMetrics {

    private final Map<Close, AtomicInteger> closed = new ConcurrentHashMap<>();

    @Override
    public void connectionClosed(ListenerKind listener, Close reason) {
        if (listener == ListenerKind.TLS) {
            closed.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
        }
    }

    int of(Close reason) {
        AtomicInteger n = closed.get(reason);
        return n == null ? 0 : n.get();
    }

    @Override
    public String toString() {
        return closed.toString();
    }
}

package dev.eco.it.ws;

import dev.eco.server.ServerMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts how connections ended, by listener and reason, and the slow consumers, as the server reports them. */
final class Closes implements ServerMetrics {

    private final Map<String, AtomicInteger> closed = new ConcurrentHashMap<>();
    private final AtomicInteger slowConsumers = new AtomicInteger();

    @Override
    public void slowConsumer() {
        slowConsumers.incrementAndGet();
    }

    /** Members cut off as slow consumers so far: counted when they are dropped, before their connection ends. */
    int slowConsumers() {
        return slowConsumers.get();
    }

    @Override
    public void connectionClosed(ListenerKind listener, Close reason) {
        closed.computeIfAbsent(listener + " " + reason, r -> new AtomicInteger())
                .incrementAndGet();
    }

    int of(ListenerKind listener, Close reason) {
        AtomicInteger n = closed.get(listener + " " + reason);
        return n == null ? 0 : n.get();
    }

    @Override
    public String toString() {
        return closed.toString();
    }
}

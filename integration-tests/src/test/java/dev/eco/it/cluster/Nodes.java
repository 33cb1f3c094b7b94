package dev.eco.it.cluster;

import dev.eco.it.support.NatsServer;
import dev.eco.nats.NatsNode;
import dev.eco.nats.NatsSettings;
import dev.eco.nats.NatsUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Several nodes (each its own NATS connection) in one test, on a prefix of their own; closes them all. */
final class Nodes implements AutoCloseable {

    /** Short enough for a dead node to be noticed within a few seconds in the tests. */
    static final Duration TTL = Duration.ofSeconds(3);

    static final Duration BEAT = Duration.ofSeconds(1);

    final String prefix = "t"
            + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36).substring(0, 8);
    private final NatsServer nats;
    private final List<NatsNode> started = new ArrayList<>();

    Nodes(NatsServer nats) {
        this.nats = nats;
    }

    NatsSettings settings(String name) {
        return NatsSettings.defaults(nats.url(), name).withPrefix(prefix).withLiveness(TTL, BEAT);
    }

    NatsNode start(String name) throws NatsUnavailableException, InterruptedException {
        return start(settings(name));
    }

    NatsNode start(NatsSettings settings) throws NatsUnavailableException, InterruptedException {
        NatsNode node = NatsNode.start(settings);
        started.add(node);
        return node;
    }

    @Override
    public void close() {
        for (NatsNode node : started.reversed()) {
            node.close();
        }
    }
}

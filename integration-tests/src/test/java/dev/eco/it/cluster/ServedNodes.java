package dev.eco.it.cluster;

import dev.eco.nats.NatsNode;
import dev.eco.nats.NatsRooms;
import dev.eco.nats.NatsSettings;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerMetrics;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real eco servers (in this JVM, each with its own NATS connection) sharing their rooms through a NATS
 * cluster, on a stream prefix of their own, with three replicas and the tests' short TTL. Closes them all.
 */
final class ServedNodes implements AutoCloseable {

    final String prefix = "t"
            + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36).substring(0, 8);
    private final List<EcoServer> servers = new ArrayList<>();
    private final List<NatsNode> nodes = new ArrayList<>();

    NatsSettings settings(String urls, String name) {
        return NatsSettings.defaults(urls, name)
                .withPrefix(prefix)
                .withReplicas(3)
                .withLiveness(Nodes.TTL, Nodes.BEAT);
    }

    /** Starts one on {@code urls} (comma-separated); its index is the number of nodes started before it. */
    EcoServer start(String urls, String name) throws Exception {
        return start(settings(urls, name));
    }

    EcoServer start(NatsSettings settings) throws Exception {
        NatsNode node = NatsNode.start(settings);
        EcoServer server = EcoServer.start(ServerConfig.forTests(), ServerMetrics.NONE, NatsRooms.factory(node));
        nodes.add(node);
        servers.add(server);
        return server;
    }

    InetSocketAddress address(int i) {
        return servers.get(i).tcpAddress();
    }

    NatsNode node(int i) {
        return nodes.get(i);
    }

    String streamName() {
        return prefix.toUpperCase(Locale.ROOT) + "_ROOMS";
    }

    @Override
    public void close() {
        for (EcoServer server : servers.reversed()) {
            server.close(); // closes its rooms, and they their node
        }
    }
}

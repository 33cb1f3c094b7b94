package dev.eco.it.chat;

import dev.eco.chat.ChatLimits;
import dev.eco.chat.Rooms;
import dev.eco.it.support.NatsServer;
import dev.eco.nats.NatsNode;
import dev.eco.nats.NatsRooms;
import dev.eco.nats.NatsSettings;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerMetrics;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers behind one set of rooms, for the tests that every {@link Rooms} implementation must pass:
 * {@code local} is one eco server with in-process rooms (every "node" is that server); {@code nats} is a real
 * nats-server with two in-process eco servers sharing the rooms through it. Closes all it started.
 */
final class Cluster implements AutoCloseable {

    /** Short, so that a node that died is noticed within seconds; see NatsSettings. */
    static final Duration NODE_TTL = Duration.ofSeconds(3);

    final String kind;
    private final NatsServer nats;
    private final List<EcoServer> servers = new ArrayList<>();

    private Cluster(String kind, NatsServer nats) {
        this.kind = kind;
        this.nats = nats;
    }

    static Cluster start(String kind, ChatLimits limits) throws Exception {
        ServerConfig config = ServerConfig.forTests().toBuilder().chat(limits).build();
        return switch (kind) {
            case "local" -> {
                Cluster cluster = new Cluster(kind, null);
                cluster.servers.add(EcoServer.start(config));
                yield cluster;
            }
            case "nats" -> {
                Cluster cluster = new Cluster(kind, NatsServer.start());
                try {
                    for (String node : List.of("n1", "n2")) {
                        cluster.servers.add(cluster.startNode(node, config));
                    }
                } catch (Exception | Error e) {
                    cluster.close();
                    throw e;
                }
                yield cluster;
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    NatsSettings settings(String node) {
        return NatsSettings.defaults(nats.url(), node).withLiveness(NODE_TTL, NODE_TTL.dividedBy(3));
    }

    EcoServer startNode(String node, ServerConfig config) throws Exception {
        NatsNode started = NatsNode.start(settings(node));
        return EcoServer.start(config, ServerMetrics.NONE, NatsRooms.factory(started));
    }

    NatsServer nats() {
        return nats;
    }

    /** The server of "node" {@code i}: members spread over nodes with different i meet across servers. */
    InetSocketAddress node(int i) {
        return servers.get(i % servers.size()).tcpAddress();
    }

    EcoServer server(int i) {
        return servers.get(i % servers.size());
    }

    @Override
    public void close() {
        for (EcoServer server : servers.reversed()) {
            server.close();
        }
        if (nats != null) {
            nats.close();
        }
    }
}

package dev.eco.nats;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Everything the NATS side of shared rooms can be told, each limit with its unit and what happens at it.
 *
 * @param servers          the NATS servers (one, or several of a cluster) and the credentials to log in with
 * @param node             this eco server's name among the nodes: 1 to 32 letters, digits, '_' or '-'; shown in
 *                         logs and in the liveness bucket (two live nodes may share a name: each start gets its
 *                         own incarnation id, which is what ownership is keyed on)
 * @param connectWait      how long to keep trying the first connection and the setup of the stream and buckets;
 *                         {@link Duration#ZERO} (default) fails at once with one sentence when NATS is not reachable
 * @param requestTimeout   how long one JetStream or key-value round trip may take before it counts as failed
 *                         (default 2 s); a failed one is tried again within {@code failoverWait}
 * @param failoverWait     how long a room operation keeps trying while the NATS cluster elects a new leader or
 *                         the node reconnects to another server, before it is answered {@code unavailable}
 *                         (default 10 s: nats-server 2.9 elects within 9 s at most)
 * @param prefix           names everything eco creates in NATS: stream {@code PREFIX_ROOMS}, buckets
 *                         {@code PREFIX_NAMES} and {@code PREFIX_NODES}, subjects {@code prefix.room.>}
 *                         (default {@code eco}; tests use their own to stay apart)
 * @param replicas         copies JetStream keeps of the stream and the buckets, 1 to 5 (default 1; 3 on a
 *                         three-server cluster, so that losing one server loses nothing and stops nothing). Used
 *                         when this node creates them; a node that finds them with other settings says so once
 *                         and uses them as they are
 * @param maxRooms         rooms across all nodes at most, checked at join against the shared membership (so two
 *                         nodes creating the last room at the same moment may both succeed); default 1,000
 * @param maxRoomMembers   members of one room across all nodes at most, checked the same way; default 1,000
 * @param maxMessageBytes  the largest message body in bytes; a larger one is refused before it reaches NATS, and
 *                         the stream refuses larger records too (default 64 KiB)
 * @param historyKept      the most messages a {@code /join} can replay (default 100): a node's
 *                         {@code --history N} is at most this
 * @param keptPerRoom      messages the stream keeps per room, at least {@code historyKept} (default 1,000); older
 *                         ones are discarded by JetStream. Beyond history, they are what a node whose reading
 *                         paused (a reconnect, a consumer replaced) catches up on: a node that falls further behind
 *                         in one room misses that room's oldest messages
 * @param nodeTtl          how long this node may go without renewing its heartbeat before the others judge it
 *                         dead, announce its members as left and free its names (default 6 s). Each node
 *                         publishes its own with its heartbeat and is judged by it, whatever the others use
 * @param heartbeatEvery   how often a node renews its heartbeat and checks the others (default 2 s; at most a
 *                         third of {@code nodeTtl} so that one late beat does not kill a node)
 * @param duplicateWindow  how long JetStream remembers a {@code Nats-Msg-Id}: a retried publish or a leave
 *                         announced by several survivors within it is stored once (default 2 min)
 */
public record NatsSettings(
        NatsServers servers,
        String node,
        Duration connectWait,
        Duration requestTimeout,
        Duration failoverWait,
        String prefix,
        int replicas,
        int maxRooms,
        int maxRoomMembers,
        int maxMessageBytes,
        int historyKept,
        int keptPerRoom,
        Duration nodeTtl,
        Duration heartbeatEvery,
        Duration duplicateWindow) {

    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,15}");
    /** NATS's own default payload limit is 1 MiB; a body must fit in one record with its headers. */
    public static final int MAX_MESSAGE_BYTES_CEILING = 1 << 19;
    /** JetStream keeps at most 5 replicas of a stream. */
    public static final int MAX_REPLICAS = 5;

    public NatsSettings {
        if (servers == null) {
            throw new IllegalArgumentException("the NATS url is missing (e.g. nats://127.0.0.1:4222)");
        }
        if (node == null || !NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("a node name must be 1 to 32 letters, digits, '_' or '-', not " + node);
        }
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "the NATS prefix must be 1 to 16 lower-case letters or digits, not " + prefix);
        }
        if (connectWait.isNegative()
                || !requestTimeout.isPositive()
                || failoverWait.isNegative()
                || !duplicateWindow.isPositive()) {
            throw new IllegalArgumentException(
                    "NATS waits and timeouts must be positive (a connect wait of 0 means fail at once)");
        }
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException(
                    "NATS replicas are 1 to " + MAX_REPLICAS + " (3 on a three-server cluster), not " + replicas);
        }
        if (maxRooms < 1 || maxRoomMembers < 1 || historyKept < 0 || maxMessageBytes < 1) {
            throw new IllegalArgumentException("NATS room limits must be positive (history may be 0)");
        }
        if (keptPerRoom < Math.max(1, historyKept)) {
            throw new IllegalArgumentException("the stream keeps at least the history of a room (" + historyKept
                    + " messages), not " + keptPerRoom);
        }
        if (maxMessageBytes > MAX_MESSAGE_BYTES_CEILING) {
            throw new IllegalArgumentException(
                    "a message body is at most " + MAX_MESSAGE_BYTES_CEILING + " bytes, not " + maxMessageBytes);
        }
        if (!heartbeatEvery.isPositive() || heartbeatEvery.multipliedBy(3).compareTo(nodeTtl) > 0) {
            throw new IllegalArgumentException("the heartbeat must be positive and at most a third of the node TTL ("
                    + nodeTtl.toMillis() + " ms), not " + heartbeatEvery.toMillis() + " ms");
        }
    }

    /** The defaults for {@code urls} (one or more, comma-separated; see {@link NatsServers#parse}). */
    public static NatsSettings defaults(String urls, String node) {
        return new NatsSettingsBuilder(NatsServers.parse(urls), node).build();
    }

    public NatsSettingsBuilder toBuilder() {
        return new NatsSettingsBuilder(this);
    }

    public NatsSettings withConnectWait(Duration wait) {
        return toBuilder().connectWait(wait).build();
    }

    public NatsSettings withPrefix(String value) {
        return toBuilder().prefix(value).build();
    }

    public NatsSettings withLiveness(Duration ttl, Duration every) {
        return toBuilder().nodeTtl(ttl).heartbeatEvery(every).build();
    }

    public NatsSettings withRooms(int rooms, int membersPerRoom, int messageBytes, int history) {
        return toBuilder()
                .maxRooms(rooms)
                .maxRoomMembers(membersPerRoom)
                .maxMessageBytes(messageBytes)
                .historyKept(history)
                .build();
    }

    public NatsSettings withReplicas(int value) {
        return toBuilder().replicas(value).build();
    }

    String streamName() {
        return prefix.toUpperCase(Locale.ROOT) + "_ROOMS";
    }

    String namesBucket() {
        return prefix.toUpperCase(Locale.ROOT) + "_NAMES";
    }

    String nodesBucket() {
        return prefix.toUpperCase(Locale.ROOT) + "_NODES";
    }
}

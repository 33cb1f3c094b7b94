package dev.eco.nats;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Everything the NATS side of shared rooms can be told, each limit with its unit and what happens at it.
 *
 * @param url              the NATS server, e.g. {@code nats://127.0.0.1:4222}
 * @param node             this eco server's name among the nodes: 1 to 32 letters, digits, '_' or '-'; shown in
 *                         logs and in the liveness bucket (two live nodes may share a name: each start gets its
 *                         own incarnation id, which is what ownership is keyed on)
 * @param connectWait      how long to keep trying the first connection; {@link Duration#ZERO} (default) fails at
 *                         once with one sentence when NATS is not reachable
 * @param requestTimeout   how long one JetStream or key-value round trip may take before the room operation is
 *                         answered {@code unavailable} (default 2 s)
 * @param prefix           names everything eco creates in NATS: stream {@code PREFIX_ROOMS}, buckets
 *                         {@code PREFIX_NAMES} and {@code PREFIX_NODES}, subjects {@code prefix.room.>}
 *                         (default {@code eco}; tests use their own to stay apart)
 * @param maxRooms         rooms across all nodes at most, checked at join against the shared membership (so two
 *                         nodes creating the last room at the same moment may both succeed); default 1,000
 * @param maxRoomMembers   members of one room across all nodes at most, checked the same way; default 1,000
 * @param maxMessageBytes  the largest message body in bytes; a larger one is refused before it reaches NATS, and
 *                         the stream refuses larger records too (default 64 KiB)
 * @param historyKept      messages kept per room in the stream for {@code /join} history; older ones are
 *                         discarded by JetStream (default 100). A node's {@code --history N} is at most this.
 * @param nodeTtl          how long a node's heartbeat lives in the liveness bucket: a node silent for this long
 *                         is dead, its members are announced as left and its names freed (default 6 s)
 * @param heartbeatEvery   how often a node renews its heartbeat and checks the others (default 2 s; at most a
 *                         third of {@code nodeTtl} so that one late beat does not kill a node)
 * @param duplicateWindow  how long JetStream remembers a {@code Nats-Msg-Id}: a retried publish or a leave
 *                         announced by several survivors within it is stored once (default 2 min)
 */
public record NatsSettings(
        String url,
        String node,
        Duration connectWait,
        Duration requestTimeout,
        String prefix,
        int maxRooms,
        int maxRoomMembers,
        int maxMessageBytes,
        int historyKept,
        Duration nodeTtl,
        Duration heartbeatEvery,
        Duration duplicateWindow) {

    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,15}");
    /** NATS's own default payload limit is 1 MiB; a body must fit in one record with its headers. */
    public static final int MAX_MESSAGE_BYTES_CEILING = 1 << 19;

    public NatsSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the NATS url is missing (e.g. nats://127.0.0.1:4222)");
        }
        if (node == null || !NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("a node name must be 1 to 32 letters, digits, '_' or '-', not " + node);
        }
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "the NATS prefix must be 1 to 16 lower-case letters or digits, not " + prefix);
        }
        if (connectWait.isNegative() || !requestTimeout.isPositive() || !duplicateWindow.isPositive()) {
            throw new IllegalArgumentException(
                    "NATS waits and timeouts must be positive (a connect wait of 0 means fail at once)");
        }
        if (maxRooms < 1 || maxRoomMembers < 1 || historyKept < 0 || maxMessageBytes < 1) {
            throw new IllegalArgumentException("NATS room limits must be positive (history may be 0)");
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

    public static NatsSettings defaults(String url, String node) {
        return new NatsSettings(
                url,
                node,
                Duration.ZERO,
                Duration.ofSeconds(2),
                "eco",
                1_000,
                1_000,
                64 << 10,
                100,
                Duration.ofSeconds(6),
                Duration.ofSeconds(2),
                Duration.ofMinutes(2));
    }

    public NatsSettings withConnectWait(Duration wait) {
        return new NatsSettings(
                url,
                node,
                wait,
                requestTimeout,
                prefix,
                maxRooms,
                maxRoomMembers,
                maxMessageBytes,
                historyKept,
                nodeTtl,
                heartbeatEvery,
                duplicateWindow);
    }

    public NatsSettings withPrefix(String value) {
        return new NatsSettings(
                url,
                node,
                connectWait,
                requestTimeout,
                value,
                maxRooms,
                maxRoomMembers,
                maxMessageBytes,
                historyKept,
                nodeTtl,
                heartbeatEvery,
                duplicateWindow);
    }

    public NatsSettings withLiveness(Duration ttl, Duration every) {
        return new NatsSettings(
                url,
                node,
                connectWait,
                requestTimeout,
                prefix,
                maxRooms,
                maxRoomMembers,
                maxMessageBytes,
                historyKept,
                ttl,
                every,
                duplicateWindow);
    }

    public NatsSettings withRooms(int rooms, int membersPerRoom, int messageBytes, int history) {
        return new NatsSettings(
                url,
                node,
                connectWait,
                requestTimeout,
                prefix,
                rooms,
                membersPerRoom,
                messageBytes,
                history,
                nodeTtl,
                heartbeatEvery,
                duplicateWindow);
    }

    String streamName() {
        return prefix.toUpperCase(java.util.Locale.ROOT) + "_ROOMS";
    }

    String namesBucket() {
        return prefix.toUpperCase(java.util.Locale.ROOT) + "_NAMES";
    }

    String nodesBucket() {
        return prefix.toUpperCase(java.util.Locale.ROOT) + "_NODES";
    }
}

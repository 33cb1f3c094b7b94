package dev.eco.fanout;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * One fan-out run: {@code members} connections in one room, each sending {@code ratePerMember} messages a
 * second on a fixed schedule (open loop), every delivery timed from its intended send time.
 *
 * @param host          the chat server
 * @param port          its port
 * @param members       connections in the room
 * @param ratePerMember messages per second each member sends
 * @param duration      the measured window
 * @param warmup        load before the window, not counted
 * @param drain         how long after the window deliveries may still arrive before the missing ones count as lost
 * @param server        how to enter the room: eco's {@code /join}, or nothing (ncat --chat has one room)
 * @param room          the room's name, for eco
 * @param also          more servers of the same rooms (eco nodes sharing them through NATS), unresolved: the
 *                      members are spread round-robin over {@code host:port} and these, so that every message
 *                      crosses nodes; empty for one server
 */
public record FanOutConfig(
        String host,
        int port,
        int members,
        double ratePerMember,
        Duration duration,
        Duration warmup,
        Duration drain,
        ServerKind server,
        String room,
        List<InetSocketAddress> also) {

    /** One server. */
    public FanOutConfig(
            String host,
            int port,
            int members,
            double ratePerMember,
            Duration duration,
            Duration warmup,
            Duration drain,
            ServerKind server,
            String room) {
        this(host, port, members, ratePerMember, duration, warmup, drain, server, room, List.of());
    }

    /** How a server puts a connection into the room, and whether the sender gets its own message. */
    public enum ServerKind {
        /** eco: {@code /join ROOM}; every member, the sender included, receives each message. */
        ECO,
        /** ncat --chat and similar: connected means in the room; the sender does not get its own message. */
        PLAIN;

        int receiversPerMessage(int members) {
            return this == ECO ? members : members - 1;
        }
    }

    /** One message a microsecond per member: above it the schedule's interval in nanoseconds loses meaning. */
    public static final double MAX_RATE = 1_000_000;

    public FanOutConfig {
        also = List.copyOf(also);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the port must be 1 to 65535, not " + port);
        }
        if (members < 2) {
            throw new IllegalArgumentException("--members must be at least 2");
        }
        if (!(ratePerMember > 0 && ratePerMember <= MAX_RATE)) {
            throw new IllegalArgumentException(
                    "--rate must be more than 0 and at most 1000000 messages a second per member");
        }
        if (duration.isZero() || duration.isNegative() || warmup.isNegative() || drain.isNegative()) {
            throw new IllegalArgumentException("--duration must be positive; --warmup and --drain not negative");
        }
    }
}

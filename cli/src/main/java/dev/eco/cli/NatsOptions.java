package dev.eco.cli;

import dev.eco.chat.Rooms;
import dev.eco.nats.NatsNode;
import dev.eco.nats.NatsRooms;
import dev.eco.nats.NatsSettings;
import dev.eco.nats.NatsUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code eco serve} that share its rooms with other eco servers through NATS JetStream
 * (docs/cluster.md). Without {@code --nats} the rooms are in-process, exactly as before.
 */
final class NatsOptions {

    /** What a bare {@code --nats-wait} means: keep trying for as long as it takes. */
    private static final Duration FOREVER = Duration.ofDays(36_500);

    @Option(
            names = "--nats",
            paramLabel = "URL",
            defaultValue = "${env:ECO_NATS}",
            description = {
                "Share the chat rooms with every eco server on this NATS (nats-server -js), or on several servers of"
                        + " one cluster, comma-separated; none by default: rooms in this process only (env ECO_NATS).",
                // lines of their own: help wraps at '.' and ':', so a URL inside a sentence is cut in two
                "For example nats://127.0.0.1:4222",
                "or nats://10.0.0.1:4222,nats://10.0.0.2:4222."
            })
    private String url;

    @Option(
            names = "--nats-replicas",
            paramLabel = "N",
            defaultValue = "${env:ECO_NATS_REPLICAS:-1}",
            converter = Options.PositiveInt.class,
            description = "With --nats: copies NATS keeps of the rooms' stream and buckets when this node creates"
                    + " them, 1 to 5 (3 on a three-server cluster); a node that finds them with other settings says"
                    + " so and uses them as they are (env ECO_NATS_REPLICAS).")
    private int replicas;

    @Mixin
    private NatsCredentialOptions credentials = new NatsCredentialOptions();

    @Option(
            names = "--node",
            paramLabel = "NAME",
            defaultValue = "${env:ECO_NODE}",
            description = "This server's name among the nodes, for logs: 1 to 32 letters, digits, '_' or '-';"
                    + " default HOSTNAME-PID (env ECO_NODE).")
    private String node;

    @Option(
            names = "--nats-wait",
            paramLabel = "DURATION",
            arity = "0..1",
            fallbackValue = "forever",
            defaultValue = "${env:ECO_NATS_WAIT:-0}",
            converter = Wait.class,
            description = "With --nats: wait this long for NATS at start (bare: as long as it takes) instead of"
                    + " exiting 1 at once when it is not there (env ECO_NATS_WAIT).")
    private Duration wait;

    @Option(
            names = "--node-ttl",
            paramLabel = "DURATION",
            defaultValue = "${env:ECO_NODE_TTL:-6s}",
            converter = Options.PositiveTime.class,
            description = "With --nats: this node silent this long is dead to the others: they show its members as"
                    + " left and free its names; it beats every third of this, and is judged by its own TTL"
                    + " whatever the others use (env ECO_NODE_TTL).")
    private Duration nodeTtl;

    boolean enabled() {
        return url != null && !url.isBlank();
    }

    /** The settings these options ask for; throws IllegalArgumentException with the sentence for a bad one. */
    NatsSettings settings() {
        NatsSettings defaults = NatsSettings.defaults(url, node == null ? defaultNode() : node);
        return defaults.toBuilder()
                .credentials(credentials.credentials())
                .replicas(replicas)
                .connectWait(wait)
                .nodeTtl(nodeTtl)
                .heartbeatEvery(nodeTtl.dividedBy(3))
                .build();
    }

    /** The rooms to start the server with: in-process, or this node's share of the NATS rooms. */
    Rooms.Factory rooms(NatsSettings settings) {
        if (settings == null) {
            return Rooms.LOCAL;
        }
        return (codec, limits) -> NatsRooms.factory(startNode(settings)).open(codec, limits);
    }

    private static NatsNode startNode(NatsSettings settings) throws IOException {
        try {
            return NatsNode.start(settings);
        } catch (NatsUnavailableException e) {
            throw new IOException(e.getMessage(), e); // one sentence, exit status 1
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for NATS at "
                    + settings.servers().shown());
        }
    }

    /** {@code HOSTNAME-PID}, cut to the node name rule: unique enough for logs, the incarnation id does the rest. */
    static String defaultNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "eco";
        }
        String cleaned = host.replaceAll("[^A-Za-z0-9_-]", "-");
        String pid = "-" + ProcessHandle.current().pid();
        return cleaned.substring(0, Math.min(cleaned.length(), 32 - pid.length())) + pid;
    }

    static final class Wait implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return value.toLowerCase(Locale.ROOT).equals("forever") ? FOREVER : new Options.Time().convert(value);
        }
    }
}

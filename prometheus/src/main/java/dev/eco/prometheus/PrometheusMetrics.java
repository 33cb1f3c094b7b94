package dev.eco.prometheus;

import dev.eco.protocol.ErrorCode;
import dev.eco.server.ServerLoop;
import dev.eco.server.ServerMetrics;
import dev.eco.server.testing.Fault;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The server's counts as Prometheus metrics, in a registry of their own (never the JVM-wide default, so two
 * servers in one JVM, as in tests, do not collide). Every metric, its labels and its meaning are listed in
 * docs/operations.md; {@link #NAMES} is that list.
 *
 * <p>Every label child the hot path touches is created as this is constructed, once: a read or a write
 * increments a data point it already holds, with no label lookup and no allocation. Exemplars are off: eco has
 * no traces for them to point at, and sampling them would cost on every increment.
 */
public final class PrometheusMetrics implements ServerMetrics {

    /** The names of every metric this class registers, as a scrape shows them. */
    public static final List<String> NAMES = List.of(
            "eco_connections_opened_total",
            "eco_connections_open",
            "eco_connections_closed_total",
            "eco_connections_refused_total",
            "eco_frames_received_total",
            "eco_frames_sent_total",
            "eco_received_bytes_total",
            "eco_sent_bytes_total",
            "eco_error_replies_total",
            "eco_rate_limited_frames_total",
            "eco_slow_consumers_total",
            "eco_udp_datagrams_answered_total",
            "eco_udp_datagrams_dropped_total",
            "eco_loops_ended_total",
            "eco_faults_applied_total",
            "eco_reply_latency_seconds",
            "eco_rooms",
            "eco_room_members");

    /**
     * Upper bounds of the reply-latency buckets, in seconds: a loopback echo takes tens of microseconds, a
     * reply behind a slow network or a full machine up to seconds.
     */
    static final double[] LATENCY_BUCKETS = {
        0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
        2.5, 5, 10
    };

    private final Registrations metrics;
    private final ConnectionMetrics connections;
    private final LabelChildren<ListenerKind, CounterDataPoint> framesIn;
    private final LabelChildren<ListenerKind, CounterDataPoint> framesOut;
    private final LabelChildren<ListenerKind, CounterDataPoint> bytesIn;
    private final LabelChildren<ListenerKind, CounterDataPoint> bytesOut;
    private final LabelChildren<ErrorCode, CounterDataPoint> errors;
    private final LabelChildren<UdpDrop, CounterDataPoint> udpDropped;
    private final LabelChildren<ServerLoop, CounterDataPoint> loopsEnded;
    private final LabelChildren<Fault.Kind, CounterDataPoint> faults;
    private final CounterDataPoint rateLimited;
    private final CounterDataPoint slowConsumers;
    private final CounterDataPoint udpAnswered;
    private final DistributionDataPoint latency;
    private boolean roomsWatched;

    /** Registers every metric in a new registry of its own. */
    public PrometheusMetrics() {
        this(new PrometheusRegistry());
    }

    /** Registers every metric in this registry; a second instance on the same registry fails (the names are taken). */
    public PrometheusMetrics(PrometheusRegistry registry) {
        Registrations r = new Registrations(registry);
        this.metrics = r;
        connections = new ConnectionMetrics(r);
        framesIn = ConnectionMetrics.streams(
                r.counter("eco_frames_received_total", "whole frames read from TCP connections", "listener"));
        framesOut = ConnectionMetrics.streams(
                r.counter("eco_frames_sent_total", "frames written to TCP connections", "listener"));
        bytesIn = LabelChildren.ofAll(
                r.bytes("eco_received_bytes_total", "bytes read from connections, and of datagrams received"),
                ListenerKind.class);
        bytesOut = LabelChildren.ofAll(
                r.bytes("eco_sent_bytes_total", "bytes written to connections, and of datagrams sent"),
                ListenerKind.class);
        errors = LabelChildren.ofAll(
                r.counter("eco_error_replies_total", "error replies sent, by error code", "code"), ErrorCode.class);
        udpDropped = LabelChildren.ofAll(
                r.counter("eco_udp_datagrams_dropped_total", "UDP datagrams dropped without a reply, by why", "reason"),
                UdpDrop.class);
        loopsEnded = LabelChildren.ofAll(
                r.counter(
                        "eco_loops_ended_total",
                        "long-lived loops (accept, udp, sweeper) that ended while the server served; /health is 503",
                        "loop"),
                ServerLoop.class);
        faults = LabelChildren.ofAll(
                r.counter(
                        "eco_faults_applied_total",
                        "times a fault acted (a reply held, paced or sliced; a connection cut, stalled or blackholed;"
                                + " a datagram dropped, duplicated, reordered or blackholed), by fault",
                        "fault"),
                Fault.Kind.class);
        rateLimited =
                r.counter("eco_rate_limited_frames_total", "chat frames refused by the per-connection rate limit");
        slowConsumers = r.counter("eco_slow_consumers_total", "room members cut off because they read too slowly");
        udpAnswered = r.counter("eco_udp_datagrams_answered_total", "UDP datagrams answered");
        latency = r.seconds(
                "eco_reply_latency_seconds",
                "from the read that completed a frame to the end of the write of its reply",
                LATENCY_BUCKETS);
    }

    /** The registry every metric is in: scrape it, or serve it with {@link MetricsEndpoint}. */
    public PrometheusRegistry registry() {
        return metrics.registry();
    }

    /**
     * Reports {@code eco_rooms} and {@code eco_room_members} from these, read at each scrape (for example
     * {@code server::roomCount} and {@code server::memberCount}). Once per instance.
     */
    public synchronized void watchRooms(IntSupplier rooms, IntSupplier members) {
        if (roomsWatched) {
            throw new IllegalStateException("the room gauges are already watching a server");
        }
        metrics.gauge("eco_rooms", "chat rooms that exist now", rooms);
        metrics.gauge("eco_room_members", "connections in a chat room now, over all rooms", members);
        roomsWatched = true;
    }

    @Override
    public void connectionOpened(ListenerKind listener) {
        connections.opened(listener);
    }

    @Override
    public void connectionClosed(ListenerKind listener, Close reason) {
        connections.closed(listener, reason);
    }

    @Override
    public void connectionRefused(ListenerKind listener, Refusal why) {
        connections.refused(listener, why);
    }

    @Override
    public void read(ListenerKind listener, int bytes, int frames) {
        bytesIn.get(listener).inc(bytes);
        if (frames > 0) {
            framesIn.get(listener).inc(frames);
        }
    }

    @Override
    public void wrote(ListenerKind listener, int bytes, int frames, long nanosSinceRead) {
        bytesOut.get(listener).inc(bytes);
        if (frames > 0) {
            framesOut.get(listener).inc(frames);
        }
        if (nanosSinceRead >= 0) {
            latency.observe(Unit.nanosToSeconds(nanosSinceRead));
        }
    }

    @Override
    public void errorReply(ListenerKind listener, ErrorCode code) {
        errors.get(code).inc();
    }

    @Override
    public void rateLimited() {
        rateLimited.inc();
    }

    @Override
    public void slowConsumer() {
        slowConsumers.inc();
    }

    @Override
    public void udpAnswered(int bytesIn, int bytesOut) {
        udpAnswered.inc();
        this.bytesIn.get(ListenerKind.UDP).inc(bytesIn);
        this.bytesOut.get(ListenerKind.UDP).inc(bytesOut);
    }

    @Override
    public void udpDropped(UdpDrop reason, int bytesIn) {
        udpDropped.get(reason).inc();
        this.bytesIn.get(ListenerKind.UDP).inc(bytesIn);
    }

    @Override
    public void loopEnded(ServerLoop loop) {
        loopsEnded.get(loop).inc();
    }

    @Override
    public void faultApplied(Fault.Kind fault) {
        faults.get(fault).inc();
    }
}

package dev.eco.prometheus;

import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.ServerMetrics.ListenerKind;
import dev.eco.server.ServerMetrics.Refusal;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.StatefulMetric;
import java.util.EnumMap;

/**
 * The TCP connections of each listener as metrics: accepted, open now, ended (by why) and refused (by why).
 * The label children of the listeners that have connections are created here, once, so that a scrape shows
 * them at 0 before anything happened.
 */
final class ConnectionMetrics {

    private final LabelChildren<ListenerKind, CounterDataPoint> opened;
    private final LabelChildren<ListenerKind, GaugeDataPoint> open;
    private final EnumMap<ListenerKind, LabelChildren<Close, CounterDataPoint>> closed =
            new EnumMap<>(ListenerKind.class);
    private final EnumMap<ListenerKind, LabelChildren<Refusal, CounterDataPoint>> refused =
            new EnumMap<>(ListenerKind.class);

    /** Registers the connection metrics through {@code r}. */
    ConnectionMetrics(Registrations r) {
        opened = streams(r.counter("eco_connections_opened_total", "TCP connections accepted and served", "listener"));
        open = streams(r.gauge("eco_connections_open", "TCP connections open now", "listener"));
        Counter closedCounter =
                r.counter("eco_connections_closed_total", "TCP connections ended, by why", "listener", "reason");
        for (ListenerKind listener : ListenerKind.values()) {
            closed.put(
                    listener,
                    LabelChildren.of(
                            closedCounter, Close.class, reason -> isStream(listener), LabelChildren.label(listener)));
        }
        Counter refusedCounter = r.counter(
                "eco_connections_refused_total",
                "TCP connections refused because the server, or the client's address, had its maximum of connections",
                "listener",
                "reason");
        for (ListenerKind listener : ListenerKind.values()) {
            refused.put(
                    listener,
                    LabelChildren.of(
                            refusedCounter, Refusal.class, why -> isStream(listener), LabelChildren.label(listener)));
        }
    }

    void opened(ListenerKind listener) {
        opened.get(listener).inc();
        open.get(listener).inc();
    }

    void closed(ListenerKind listener, Close reason) {
        closed.get(listener).get(reason).inc();
        open.get(listener).dec();
    }

    void refused(ListenerKind listener, Refusal why) {
        refused.get(listener).get(why).inc();
    }

    /** TCP, raw and TLS have connections and frames; UDP has datagrams. */
    static boolean isStream(ListenerKind listener) {
        return listener != ListenerKind.UDP;
    }

    /** The data points of {@code metric} by listener, those of the listeners that have connections made now. */
    static <D extends DataPoint> LabelChildren<ListenerKind, D> streams(StatefulMetric<D, ?> metric) {
        return LabelChildren.of(metric, ListenerKind.class, ConnectionMetrics::isStream);
    }
}

package dev.eco.prometheus;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.function.IntSupplier;

/**
 * Registers eco's metrics in one registry, each the same way: without exemplars (eco has no traces for them
 * to point at, and sampling them would cost on every increment).
 */
final class Registrations {

    private final PrometheusRegistry registry;

    Registrations(PrometheusRegistry registry) {
        this.registry = registry;
    }

    PrometheusRegistry registry() {
        return registry;
    }

    Counter counter(String name, String help, String... labelNames) {
        return Counter.builder()
                .name(name)
                .help(help)
                .labelNames(labelNames)
                .withoutExemplars()
                .register(registry);
    }

    /** A counter of bytes, by listener. */
    Counter bytes(String name, String help) {
        return Counter.builder()
                .name(name)
                .unit(Unit.BYTES)
                .help(help)
                .labelNames("listener")
                .withoutExemplars()
                .register(registry);
    }

    Gauge gauge(String name, String help, String... labelNames) {
        return Gauge.builder()
                .name(name)
                .help(help)
                .labelNames(labelNames)
                .withoutExemplars()
                .register(registry);
    }

    /** A gauge read from {@code value} at each scrape. */
    void gauge(String name, String help, IntSupplier value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> callback.call(value.getAsInt()))
                .register(registry);
    }

    /** A classic histogram of seconds with these bucket bounds. */
    Histogram seconds(String name, String help, double[] upperBounds) {
        return Histogram.builder()
                .name(name)
                .unit(Unit.SECONDS)
                .help(help)
                .classicOnly()
                .classicUpperBounds(upperBounds)
                .withoutExemplars()
                .register(registry);
    }
}

package dev.eco.prometheus;

import io.prometheus.metrics.core.datapoints.DataPoint;
import io.prometheus.metrics.core.metrics.StatefulMetric;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One metric's data points for the values of an enum label, looked up once: {@link #get} is an
 * {@link EnumMap} read. A value left out up front (a listener that has no connections, say) still counts, at
 * the cost of a label lookup, and so appears in a scrape only once it happened.
 *
 * @param <E> the enum whose values are the last label's values
 * @param <D> the data point type: a counter's, a gauge's
 */
final class LabelChildren<E extends Enum<E>, D extends DataPoint> {

    private final StatefulMetric<D, ?> metric;
    private final EnumMap<E, String[]> labelValues;
    private final EnumMap<E, D> points;

    private LabelChildren(StatefulMetric<D, ?> metric, EnumMap<E, String[]> labelValues, EnumMap<E, D> points) {
        this.metric = metric;
        this.labelValues = labelValues;
        this.points = points;
    }

    /**
     * The data points of {@code metric} whose last label is each value of {@code type} (lower case), after the
     * fixed leading label values {@code leading}; those {@code upFront} accepts are created now, so that a
     * scrape shows them at 0 before anything happened.
     */
    static <E extends Enum<E>, D extends DataPoint> LabelChildren<E, D> of(
            StatefulMetric<D, ?> metric, Class<E> type, Predicate<E> upFront, String... leading) {
        EnumMap<E, String[]> labelValues = new EnumMap<>(type);
        EnumMap<E, D> points = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            String[] labels = Arrays.copyOf(leading, leading.length + 1);
            labels[leading.length] = label(value);
            labelValues.put(value, labels);
            if (upFront.test(value)) {
                points.put(value, metric.labelValues(labels));
            }
        }
        return new LabelChildren<>(metric, labelValues, points);
    }

    /** The data points of {@code metric} for every value of {@code type}, all created now. */
    static <E extends Enum<E>, D extends DataPoint> LabelChildren<E, D> ofAll(
            StatefulMetric<D, ?> metric, Class<E> type) {
        return of(metric, type, value -> true);
    }

    /** An enum value as a label value: its name in lower case ({@code IDLE_TIMEOUT} is {@code idle_timeout}). */
    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    D get(E value) {
        D point = points.get(value);
        return point != null ? point : metric.labelValues(labelValues.get(value));
    }
}

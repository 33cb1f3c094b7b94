package dev.eco.prometheus;

import io.prometheus.metrics.core.datapoints.DataPoint;
import io.prometheus.metrics.core.metrics.StatefulMetric;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One metric's data points for the values of an enum label, looked up once: {@link #get} is an array read.
 * A value left out up front (a listener that has no connections, say) still counts, at the cost of a
 * label lookup, and so appears in a scrape only once it happened.
 *
 * @param <D> the data point type: a counter's, a gauge's
 */
final class LabelChildren<D extends DataPoint> {

    private final StatefulMetric<D, ?> metric;
    private final String[][] labelValues;
    private final DataPoint[] points;

    private LabelChildren(StatefulMetric<D, ?> metric, String[][] labelValues, DataPoint[] points) {
        this.metric = metric;
        this.labelValues = labelValues;
        this.points = points;
    }

    /**
     * The data points of {@code metric} whose last label is each of {@code values} (lower case), after the
     * fixed leading label values {@code leading}; those {@code upFront} accepts are created now, so that a
     * scrape shows them at 0 before anything happened.
     */
    static <E extends Enum<E>, D extends DataPoint> LabelChildren<D> of(
            StatefulMetric<D, ?> metric, E[] values, Predicate<E> upFront, String... leading) {
        String[][] labelValues = new String[values.length][];
        DataPoint[] points = new DataPoint[values.length];
        for (E value : values) {
            String[] labels = Arrays.copyOf(leading, leading.length + 1);
            labels[leading.length] = label(value);
            labelValues[value.ordinal()] = labels;
            if (upFront.test(value)) {
                points[value.ordinal()] = metric.labelValues(labels);
            }
        }
        return new LabelChildren<>(metric, labelValues, points);
    }

    /** An enum value as a label value: its name in lower case ({@code IDLE_TIMEOUT} is {@code idle_timeout}). */
    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    D get(Enum<?> value) {
        DataPoint point = points[value.ordinal()];
        return point != null ? (D) point : metric.labelValues(labelValues[value.ordinal()]);
    }
}

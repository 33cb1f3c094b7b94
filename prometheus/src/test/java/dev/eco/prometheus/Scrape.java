package dev.eco.prometheus;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A scrape in the Prometheus text format, read back into its samples: {@code name{labels}} to value. */
record Scrape(String text, Map<String, Double> samples, Set<String> families) {

    static Scrape of(PrometheusRegistry registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(out.toString(StandardCharsets.UTF_8));
    }

    static Scrape parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Set<String> families = new LinkedHashSet<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("# TYPE ")) {
                String family = line.substring("# TYPE ".length()); // "# TYPE NAME TYPE"
                families.add(family.substring(0, family.indexOf(' ')));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return new Scrape(text, samples, families);
    }

    /** The value of one sample, as the scrape spells it ({@code eco_rooms}, {@code eco_x_total{listener="tcp"}}). */
    double value(String sample) {
        Double value = samples.get(sample);
        if (value == null) {
            throw new AssertionError("no sample " + sample + " in the scrape:\n" + text);
        }
        return value;
    }

    boolean has(String sample) {
        return samples.containsKey(sample);
    }
}

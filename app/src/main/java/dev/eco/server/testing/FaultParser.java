package dev.eco.server.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads faults as people write them: specs separated by {@code ;} or new lines, each a list of
 * {@code name[=value]} items separated by commas. A fault's name starts a fault; {@code jitter} (of latency),
 * {@code pause} (of slice) and {@code probability} (of any) belong to the fault before them in the same spec;
 * {@code seed} is for the whole plan. {@code none} is no fault. Every mistake is one sentence that shows the
 * right form.
 */
final class FaultParser {

    static final String NAMES =
            "latency, bandwidth, slice, close-after, reset-after, stall-after, blackhole, drop, duplicate or reorder";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)(ms|s|m|h)?");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,6})?)(%?)");
    private static final Pattern COUNT = Pattern.compile("\\d{1,18}");

    private FaultParser() {}

    static FaultPlan parse(String text) {
        List<Fault> faults = new ArrayList<>();
        OptionalLong seed = OptionalLong.empty();
        for (String spec : text.split("[;\\n]", -1)) {
            String name = null;
            String value = null;
            Map<String, String> params = new LinkedHashMap<>();
            for (String raw : spec.split(",", -1)) {
                String item = raw.strip();
                if (item.isEmpty() || item.equalsIgnoreCase("none")) {
                    continue;
                }
                int eq = item.indexOf('=');
                String key = (eq < 0 ? item : item.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
                String val = eq < 0 ? null : item.substring(eq + 1).strip();
                switch (key) {
                    case "seed" -> {
                        if (seed.isPresent()) {
                            throw new IllegalArgumentException("seed is given twice: give it once");
                        }
                        seed = OptionalLong.of(seed(val));
                    }
                    case "jitter", "pause", "probability" -> {
                        if (name == null) {
                            throw new IllegalArgumentException(
                                    key + " must follow its fault in the same spec, as in " + example(key));
                        }
                        if (params.put(key, val) != null) {
                            throw new IllegalArgumentException(key + " is given twice: give it once");
                        }
                    }
                    default -> {
                        if (name != null) {
                            faults.add(fault(name, value, params));
                            params = new LinkedHashMap<>();
                        }
                        name = key;
                        value = val;
                    }
                }
            }
            if (name != null) {
                faults.add(fault(name, value, params));
            }
        }
        return FaultPlan.of(faults, seed);
    }

    private static Fault fault(String name, String value, Map<String, String> params) {
        double probability =
                params.containsKey("probability") ? percent("probability", params.remove("probability")) / 100 : 1;
        Fault fault = switch (name) {
            case "latency" ->
                new Fault.Latency(
                        duration(name, value),
                        params.containsKey("jitter") ? duration("jitter", params.remove("jitter")) : Duration.ZERO,
                        probability);
            case "bandwidth" -> new Fault.Bandwidth(count(name, value), probability);
            case "slice" ->
                new Fault.Slice(
                        (int) Math.min(Integer.MAX_VALUE, count(name, value)),
                        params.containsKey("pause")
                                ? duration("pause", params.remove("pause"))
                                : Fault.Slice.DEFAULT_PAUSE,
                        probability);
            case "close-after" -> new Fault.CloseAfter(count(name, value), probability);
            case "reset-after" -> new Fault.ResetAfter(count(name, value), probability);
            case "stall-after" -> new Fault.StallAfter(count(name, value), probability);
            case "blackhole" -> {
                if (value != null) {
                    throw new IllegalArgumentException("blackhole takes no value: write blackhole");
                }
                yield new Fault.Blackhole(probability);
            }
            case "drop" -> new Fault.Drop(percent(name, value), probability);
            case "duplicate" -> new Fault.Duplicate(percent(name, value), probability);
            case "reorder" -> new Fault.Reorder(percent(name, value), probability);
            default -> throw new IllegalArgumentException("'" + name + "' is not a fault: use " + NAMES);
        };
        if (!params.isEmpty()) {
            String stray = params.keySet().iterator().next();
            throw new IllegalArgumentException(
                    stray + " belongs to " + owner(stray) + ", not to " + name + ": " + example(stray));
        }
        return fault;
    }

    private static String owner(String param) {
        return param.equals("jitter") ? "latency" : "slice";
    }

    private static String example(String param) {
        return switch (param) {
            case "jitter" -> "latency=200ms,jitter=50ms";
            case "pause" -> "slice=16,pause=20ms";
            default -> "latency=200ms,probability=50%";
        };
    }

    private static String required(String name, String value, String example) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " needs a value: " + name + "=" + example);
        }
        return value;
    }

    /** {@code 250ms}, {@code 1.5s}, {@code 5m}, {@code 1h}, or {@code 0}; any other number needs its unit. */
    static Duration duration(String name, String value) {
        Matcher m = DURATION.matcher(required(name, value, "200ms").toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + name + "=" + value + "' is not a duration: use e.g. " + name + "=200ms, 1.5s, 5m or 1h");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        if (m.group(2) == null) {
            if (n.signum() == 0) {
                return Duration.ZERO;
            }
            throw new IllegalArgumentException(name + "=" + value + " needs a unit: " + name + "=" + value + "ms or "
                    + name + "=" + value + "s (ms, s, m, h)");
        }
        long unit = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        return Duration.ofMillis(n.multiply(BigDecimal.valueOf(unit))
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact());
    }

    private static long count(String name, String value) {
        if (!COUNT.matcher(required(name, value, "16")).matches()) {
            throw new IllegalArgumentException(
                    "'" + name + "=" + value + "' is not a number of bytes: use a whole number, e.g. " + name + "=16");
        }
        return Long.parseLong(value);
    }

    private static double percent(String name, String value) {
        Matcher m = PERCENT.matcher(required(name, value, "10%"));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + name + "=" + value + "' is not a percentage: use e.g. " + name + "=10% or " + name + "=0.5%");
        }
        if (m.group(2).isEmpty()) {
            throw new IllegalArgumentException(name + "=" + value + " needs a %: " + name + "=" + value + "%");
        }
        return Double.parseDouble(m.group(1));
    }

    private static long seed(String value) {
        try {
            return Long.parseLong(required("seed", value, "42"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'seed=" + value + "' is not a whole number: use e.g. seed=42");
        }
    }
}

package dev.eco.cli;

import dev.eco.server.ServerConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for option values; each rejects a bad value with one sentence that says what would be right. */
final class Options {

    private Options() {}

    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port = integer(value, "a port number");
            if (port < 0 || port > 65_535) {
                throw new TypeConversionException(
                        "'" + value + "' is not a port: use 0 to 65535 (0 picks a free port)");
            }
            return port;
        }
    }

    /** A port to connect to: 1 to 65535. */
    static final class ServerPort implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port = integer(value, "a port number");
            if (port < 1 || port > 65_535) {
                throw new TypeConversionException("'" + value + "' is not a port to connect to: use 1 to 65535");
            }
            return port;
        }
    }

    /** A port, {@code off}, or {@code same} (null: the same as {@code --port}). */
    static final class OptionalPort implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "off" -> ServerConfig.OFF;
                case "same" -> null;
                default -> new Port().convert(value);
            };
        }
    }

    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = integer(value, "a whole number");
            if (n < 1) {
                throw new TypeConversionException("'" + value + "' must be at least 1");
            }
            return n;
        }
    }

    /** A rate in events a second: a finite number above zero (0.5 is one every two seconds). */
    static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double rate;
            try {
                rate = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number: use e.g. 0.5, 1 or 20");
            }
            if (!(rate > 0) || Double.isInfinite(rate)) { // !(rate > 0) is also true for NaN
                throw new TypeConversionException("'" + value + "' is not a rate: use a finite number above 0");
            }
            return rate;
        }
    }

    /** A duration above zero, for timeouts. */
    static final class PositiveTime implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = new Time().convert(value);
            if (d.isZero()) {
                throw new TypeConversionException("'" + value + "' must be more than 0");
            }
            return d;
        }
    }

    static final class NonNegativeInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = integer(value, "a whole number");
            if (n < 0) {
                throw new TypeConversionException("'" + value + "' must be 0 or more");
            }
            return n;
        }
    }

    /**
     * {@code 250ms}, {@code 30s}, {@code 1.5s}, {@code 5m}, {@code 1h}, or {@code 0}. Any other number needs its
     * unit: a bare {@code 5} could be seconds or milliseconds, so it is refused with a sentence showing the form.
     */
    static final class Time implements ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)(ms|s|m|h)?");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a duration: use e.g. 500ms, 30s, 5m or 1h");
            }
            BigDecimal n = new BigDecimal(m.group(1));
            if (m.group(2) == null) {
                if (n.signum() == 0) {
                    return Duration.ZERO;
                }
                throw new TypeConversionException("'" + value + "' needs a unit: use e.g. " + m.group(1) + "s or "
                        + m.group(1) + "ms (ms, s, m, h)");
            }
            BigDecimal millis = n.multiply(BigDecimal.valueOf(
                    switch (m.group(2)) {
                        case "ms" -> 1;
                        case "s" -> 1_000;
                        case "m" -> 60_000;
                        default -> 3_600_000;
                    }));
            return Duration.ofMillis(millis.setScale(0, RoundingMode.HALF_UP).longValueExact());
        }
    }

    static final class LogLevel implements ITypeConverter<String> {
        private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");

        @Override
        public String convert(String value) {
            String level = value.toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(level)) {
                throw new TypeConversionException(
                        "'" + value + "' is not a log level: use trace, debug, info, warn, error or off");
            }
            return level;
        }
    }

    private static int integer(String value, String what) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not " + what);
        }
    }
}

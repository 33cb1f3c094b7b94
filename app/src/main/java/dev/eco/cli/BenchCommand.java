package dev.eco.cli;

import dev.eco.bench.Bench;
import dev.eco.bench.BenchConfig;
import dev.eco.bench.Mode;
import dev.eco.bench.Result;
import dev.eco.bench.Summary;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eco bench}: loads any line or RFC 862 echo server and reports throughput, latency and errors. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Loads an echo server on TCP (line echo), raw TCP (RFC 862) or UDP, checks every reply byte for byte, "
                    + "and prints throughput, latency percentiles and errors.",
            "Exit status: 0 when every reply was right, 1 when there were errors or the run could not start, 2 on bad usage."
        })
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODE", description = "tcp (line echo), raw (RFC 862 over TCP) or udp. Chat rooms are measured by 'eco fanout'.",
            converter = ModeConverter.class)
    Mode mode;

    @Parameters(index = "1", paramLabel = "[HOST:]PORT", description = "The server; the host defaults to 127.0.0.1.")
    String target;

    @Option(names = {"-c", "--connections"}, defaultValue = "1", description = "Connections (sockets for udp). Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = {"-d", "--duration"}, defaultValue = "10s", converter = DurationConverter.class,
            description = "Length of the measured part, e.g. 10s, 500ms, 1m. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = {"-w", "--warmup"}, defaultValue = "2s", converter = DurationConverter.class,
            description = "Load before the measured part, not counted. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = {"-s", "--size"}, defaultValue = "64", description = "Bytes per message, the LF included for tcp. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = {"-p", "--pipeline"}, defaultValue = "1", description = "Messages in flight per connection (closed loop). Default: ${DEFAULT-VALUE}.")
    int pipeline;

    @Option(names = {"-r", "--rate"}, defaultValue = "0",
            description = "Open loop: total messages per second, latency from the intended send time. Default: closed loop.")
    long rate;

    @Option(names = "--timeout", defaultValue = "5s", converter = DurationConverter.class,
            description = "A reply later than this is an error. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--threads", description = "Selector threads of the generator. Default: one per available processor.")
    Integer threads;

    @Option(names = "--json", description = "Print the summary as one JSON line.")
    boolean json;

    @Override
    public Integer call() {
        BenchConfig config;
        try {
            int colon = target.lastIndexOf(':');
            String host = colon < 0 ? "127.0.0.1" : target.substring(0, colon).replaceAll("^\\[|]$", "");
            int port = Integer.parseInt(target.substring(colon + 1));
            config = new BenchConfig(mode, host.isEmpty() ? "127.0.0.1" : host, port, connections, duration, warmup,
                    size, pipeline, rate, timeout,
                    threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors()));
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "the target must be [HOST:]PORT, not '" + target + "'");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        var console = System.console();
        PrintStream progress = !json && console != null && console.isTerminal() ? System.err : null;
        Result result = Bench.run(config, progress);
        out.println(json ? Summary.json(result) : Summary.text(result).stripTrailing());
        out.flush();
        if (result.errors() > 0) {
            spec.commandLine().getErr().printf(Locale.ROOT, "eco bench: %,d errors: the server's replies were not all right%n",
                    result.errors());
            return 1;
        }
        return 0;
    }

    static final class ModeConverter implements ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            if (value.equalsIgnoreCase("chat")) {
                throw new picocli.CommandLine.TypeConversionException(
                        "chat rooms are measured by 'eco fanout' (members in one room, each sending on a schedule)");
            }
            try {
                return Mode.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("the mode must be tcp, raw or udp, not '" + value + "'");
            }
        }
    }

    /** Reads 10s, 500ms, 2m, 1h, or a bare number of seconds. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?").matcher(value.trim());
            if (!m.matches()) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a duration like 10s, 500ms or 2m");
            }
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
                case "ms" -> n;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 1000;
            };
            return Duration.ofMillis(Math.round(millis));
        }
    }
}

package dev.eco.cli;

import dev.eco.bench.Bench;
import dev.eco.bench.BenchConfig;
import dev.eco.bench.Mode;
import dev.eco.bench.Result;
import dev.eco.bench.Summary;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eco bench}: loads any line or RFC 862 echo server and reports throughput, latency and errors. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Loads an echo server on TCP (line echo), raw TCP (RFC 862), UDP or WebSocket, checks every reply byte for byte, "
                    + "and prints throughput, latency percentiles and errors.",
            "Exit status: 0 when every reply was right, 1 when there were errors or the run could not start, 2 on bad usage."
        })
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "MODE",
            description = "tcp (line echo), raw (RFC 862 over TCP), udp, or ws (WebSocket echo: each message one text"
                    + " frame, after the upgrade). Chat rooms are measured by 'eco fanout'.",
            converter = ModeConverter.class)
    Mode mode;

    @Parameters(
            index = "1..*",
            arity = "1..2",
            paramLabel = "SERVER",
            hideParamSyntax = true,
            description = Address.FORMS + " (a lone number is a port on 127.0.0.1).")
    List<String> target;

    @Option(
            names = {"-c", "--connections"},
            defaultValue = "1",
            description = "Connections (sockets for udp). Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(
            names = {"-d", "--duration"},
            defaultValue = "10s",
            converter = Options.PositiveTime.class,
            description = "Length of the measured part, e.g. 10s, 500ms, 1m. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(
            names = {"-w", "--warmup"},
            defaultValue = "2s",
            converter = Options.Time.class,
            description = "Load before the measured part, not counted. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(
            names = {"-s", "--size"},
            defaultValue = "64",
            description = "Bytes per message, the LF included for tcp, the frame header not for ws. Default:"
                    + " ${DEFAULT-VALUE}.")
    int size;

    @Option(
            names = {"-P", "--pipeline"},
            defaultValue = "1",
            description = "Messages in flight per connection (closed loop). Default: ${DEFAULT-VALUE}.")
    int pipeline;

    @Option(
            names = {"-r", "--rate"},
            defaultValue = "0",
            description =
                    "Open loop: total messages per second, latency from the intended send time. Default: closed loop.")
    long rate;

    @Option(
            names = {"-t", "--timeout"},
            defaultValue = "5s",
            converter = Options.PositiveTime.class,
            description = "A reply later than this is an error. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(
            names = "--threads",
            description = "Selector threads of the generator. Default: one per available processor.")
    Integer threads;

    @Option(names = "--json", description = "Print the summary as one JSON line.")
    boolean json;

    @Mixin
    ClientTls tls = new ClientTls();

    @Override
    public Integer call() {
        BenchConfig config;
        Address server = Address.only(target, null, spec.commandLine());
        try {
            config = new BenchConfig(
                    mode,
                    server.host(),
                    server.port(),
                    connections,
                    duration,
                    warmup,
                    size,
                    pipeline,
                    rate,
                    timeout,
                    threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        tls.check(spec.commandLine());
        if (tls.on()) {
            checkTls(config);
        }
        PrintWriter out = spec.commandLine().getOut();
        var console = System.console();
        // On JDK 25 System.console() is null again without a terminal (the check knows JDK 22-24's behaviour).
        @SuppressWarnings("SystemConsoleNull")
        PrintStream progress = !json && console != null && console.isTerminal() ? System.err : null;
        Result result;
        try {
            result = Bench.run(config, tls.client(spec.commandLine()), progress);
        } catch (dev.eco.client.ClientException e) {
            throw new dev.eco.bench.BenchException(e.getMessage());
        }
        out.println(json ? Summary.json(result) : Summary.text(result).stripTrailing());
        out.flush();
        String failure = BenchVerdict.failure(result);
        if (failure != null) {
            spec.commandLine().getErr().println("eco bench: " + failure);
            return 1;
        }
        return 0;
    }

    /** What the TLS load cannot do: it speaks the line protocol, in the closed loop, one thread per connection. */
    private void checkTls(BenchConfig config) {
        if (mode != Mode.TCP) {
            throw new ParameterException(spec.commandLine(), "--tls loads the line protocol: use mode tcp");
        }
        if (config.openLoop()) {
            throw new ParameterException(spec.commandLine(), "--tls runs the closed loop only: leave out --rate");
        }
        if ((long) config.pipeline() * config.size() > Bench.TLS_MAX_IN_FLIGHT_BYTES) {
            throw new ParameterException(
                    spec.commandLine(),
                    "with --tls, --pipeline times --size must be at most " + Bench.TLS_MAX_IN_FLIGHT_BYTES
                            + " bytes (each connection writes and reads on one thread)");
        }
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
                throw new picocli.CommandLine.TypeConversionException(
                        "the mode must be tcp, raw, udp or ws, not '" + value + "'");
            }
        }
    }
}

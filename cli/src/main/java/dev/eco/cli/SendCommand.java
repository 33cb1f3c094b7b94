package dev.eco.cli;

import dev.eco.client.DatagramExchange;
import dev.eco.client.Exchange;
import dev.eco.client.LineExchange;
import dev.eco.client.RawExchange;
import dev.eco.client.RoundTrips;
import dev.eco.client.WsExchange;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eco send}: one message (or each line of standard input), each reply printed; for scripts. */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Sends a message (the words joined by spaces, or each line of standard input when there are none) and"
                    + " prints each reply.",
            "Exit status: 0 when every reply came, 1 on timeout or error, 2 bad usage."
        },
        sortOptions = false,
        showDefaultValues = true)
final class SendCommand extends ReadsInput implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "SERVER [MESSAGE...]",
            hideParamSyntax = true,
            description = {
                "SERVER: " + Address.FORMS + " (a lone number is a port on 127.0.0.1), or a WebSocket URL"
                        + " ws://HOST:PORT/ or wss://HOST:PORT/ (each message one text message; with --raw one binary"
                        + " message). Over TCP every address of a name is tried in turn; --udp uses the first one.",
                "MESSAGE: the words of the message; none: each line of standard input is a message."
            },
            showDefaultValue = Help.Visibility.NEVER)
    private List<String> operands = new ArrayList<>();

    private String host;
    private int port;
    /** The server as a WebSocket URL, or null. */
    private URI url;

    private List<String> words = List.of();

    @Option(
            names = {"-u", "--udp"},
            description = "Send each message as one UDP datagram; each datagram back is its reply.")
    private boolean udp;

    @Option(
            names = "--raw",
            description = "RFC 862: send the bytes with no terminator, read until as many came back and"
                    + " check they are the same. Without words, all of standard input is one message.")
    private boolean raw;

    @Option(
            names = "--json",
            description = {"Send each message as a JSON message:", "{\"type\":\"message\",\"body\":MESSAGE}"})
    private boolean json;

    @Option(
            names = {"-c", "--count"},
            paramLabel = "N",
            converter = Options.PositiveInt.class,
            description = "Send it N times, printing each round-trip time and a min/avg/max summary, like ping.")
    private Integer count;

    @Option(
            names = {"-i", "--interval"},
            paramLabel = "DURATION",
            defaultValue = "1s",
            converter = Options.Time.class,
            description = "With --count, the pause between one round trip and the next.")
    private Duration interval;

    @Option(
            names = {"-t", "--timeout"},
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = Options.PositiveTime.class,
            description = "How long to wait to connect, and for each reply.")
    private Duration timeout;

    @Mixin
    private ClientTls tls = new ClientTls();

    @Override
    public Integer call() throws Exception {
        if (WebSocketUrl.looksLike(operands.getFirst())) {
            url = WebSocketUrl.parse(operands.getFirst(), spec.commandLine());
            words = operands.subList(1, operands.size());
            if (udp || tls.on()) {
                throw new ParameterException(
                        spec.commandLine(),
                        (udp ? "--udp" : "--tls")
                                + " cannot be used with a WebSocket URL (wss:// is WebSocket over TLS)");
            }
        } else {
            Address.Taken server = Address.take(operands, spec.commandLine());
            host = server.address().host();
            port = server.address().port();
            words = operands.subList(server.operands(), operands.size());
        }
        if (udp && raw) {
            throw new ParameterException(spec.commandLine(), "--udp and --raw cannot be used together");
        }
        if (raw && json) {
            throw new ParameterException(
                    spec.commandLine(), "--raw sends bytes as they are; it cannot be used with --json");
        }
        if (url == null) {
            tls.check(spec.commandLine());
        } else {
            tls.check(spec.commandLine(), WebSocketUrl.secure(url));
        }
        if (tls.on() && (udp || raw)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--tls speaks the line protocol: it cannot be used with " + (udp ? "--udp" : "--raw"));
        }
        List<byte[]> messages = messages();
        PrintWriter out = spec.commandLine().getOut();
        RoundTrips trips = new RoundTrips();
        boolean timed = count != null;
        try (Exchange exchange = open()) {
            for (int round = 0; round < (timed ? count : 1); round++) {
                if (round > 0 && !interval.isZero()) {
                    Thread.sleep(interval); // the pause the person asked for between pings
                }
                for (byte[] message : messages) {
                    trips.sent();
                    long started = System.nanoTime();
                    byte[] reply = exchange.roundTrip(message);
                    long rtt = System.nanoTime() - started;
                    trips.received(rtt);
                    print(out, reply, timed ? rtt : -1);
                }
            }
        } catch (IOException e) {
            if (timed) {
                out.println(trips.summary());
                out.flush();
            }
            throw e;
        }
        if (timed) {
            out.println(trips.summary());
        }
        out.flush();
        return 0;
    }

    private Exchange open() throws IOException {
        if (url != null) {
            return new WsExchange(url, timeout, tls.client(spec.commandLine(), WebSocketUrl.secure(url)), raw);
        }
        if (udp) {
            return new DatagramExchange(host, port, timeout);
        }
        return raw
                ? new RawExchange(host, port, timeout)
                : new LineExchange(host, port, timeout, tls.client(spec.commandLine()));
    }

    /** The messages as bytes without terminator: the words, or standard input (whole with --raw, else by line). */
    private List<byte[]> messages() throws IOException {
        List<byte[]> messages = MessagesToSend.read(words, input(), raw, json);
        if (messages.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "nothing to send: give a MESSAGE or lines on standard input");
        }
        return messages;
    }

    private void print(PrintWriter out, byte[] reply, long rttNanos) {
        String text = raw && rttNanos >= 0 ? reply.length + " bytes echoed" : new String(reply, StandardCharsets.UTF_8);
        out.println(rttNanos < 0 ? text : text + "  time=" + RoundTrips.millis(rttNanos));
        out.flush();
    }
}

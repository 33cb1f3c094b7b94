package dev.eco.cli;

import dev.eco.fanout.FanOutConfig;
import dev.eco.fanout.FanOutMeasurement;
import dev.eco.fanout.FanOutResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eco fanout}: measures a chat room's fan-out on eco or on any line chat server such as ncat --chat. */
@Command(
        name = "fanout",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Measures a chat server's fan-out: MEMBERS connections in one room, each sending RATE messages a second"
                    + " on a fixed schedule; prints deliveries per second and delivery latency (p50, p99, max) from"
                    + " the intended send time, and messages lost.",
            "Against eco the members /join a room; with --plain (ncat --chat and the like) connecting is joining."
        },
        sortOptions = false,
        showDefaultValues = true)
final class FanOutCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(
            arity = "0..2",
            paramLabel = "[SERVER]",
            hideParamSyntax = true,
            showDefaultValue = Help.Visibility.NEVER,
            description = "The chat server: " + Address.FORMS + " (a lone number is a port on 127.0.0.1);"
                    + " 127.0.0.1 9999 when none.")
    private List<String> operands = new ArrayList<>();

    @Option(
            names = {"-m", "--members"},
            paramLabel = "N",
            defaultValue = "1000",
            converter = Options.PositiveInt.class,
            description = "Connections in the room.")
    private int members;

    @Option(
            names = {"-r", "--rate"},
            paramLabel = "MSG/S",
            defaultValue = "1",
            converter = Options.Rate.class,
            description = "Messages per second each member sends: above 0, fractions allowed (0.5 is one every 2s).")
    private double rate;

    @Option(
            names = {"-d", "--duration"},
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = Options.Time.class,
            description = "The measured window.")
    private Duration duration;

    @Option(
            names = {"-w", "--warmup"},
            paramLabel = "DURATION",
            defaultValue = "3s",
            converter = Options.Time.class,
            description = "Load before the window, not counted.")
    private Duration warmup;

    @Option(
            names = "--drain",
            paramLabel = "DURATION",
            defaultValue = "3s",
            converter = Options.Time.class,
            description = "How long late deliveries may still arrive before they count as lost.")
    private Duration drain;

    @Option(
            names = "--room",
            paramLabel = "ROOM",
            defaultValue = "fanout",
            description = "The room eco's members join.")
    private String room;

    @Option(
            names = "--also",
            paramLabel = "HOST:PORT",
            showDefaultValue = Help.Visibility.NEVER,
            description =
                    "Another eco server of the same rooms (a node sharing them through NATS, see docs/cluster.md);"
                            + " repeat it for more: the members are spread round-robin over SERVER and these.")
    private List<String> also = new ArrayList<>();

    @Option(names = "--plain", description = "The server has one room and does not echo to the sender (ncat --chat).")
    private boolean plain;

    @Option(names = "--json", description = "Print one JSON line instead of a sentence.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        Address server = Address.only(operands, new Address(Address.DEFAULT_HOST, 9999), spec.commandLine());
        List<java.net.InetSocketAddress> others = new ArrayList<>();
        for (String other : also) {
            Address address = Address.only(List.of(other), null, spec.commandLine());
            others.add(java.net.InetSocketAddress.createUnresolved(address.host(), address.port()));
        }
        FanOutConfig config;
        try {
            config = new FanOutConfig(
                    server.host(),
                    server.port(),
                    members,
                    rate,
                    duration,
                    warmup,
                    drain,
                    plain ? FanOutConfig.ServerKind.PLAIN : FanOutConfig.ServerKind.ECO,
                    room,
                    others);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()); // a bad setting is bad usage: exit 2
        }
        FanOutResult result = new FanOutMeasurement(config).run();
        spec.commandLine().getOut().println(json ? result.json() : result.summary());
        return result.lost() == 0 && result.disconnected() == 0 ? 0 : 1;
    }
}

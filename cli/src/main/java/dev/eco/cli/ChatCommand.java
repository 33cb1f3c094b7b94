package dev.eco.cli;

import dev.eco.client.ChatSession;
import dev.eco.client.Endpoints;
import dev.eco.client.Link;
import dev.eco.client.PlainInput;
import dev.eco.client.TcpLink;
import dev.eco.client.TerminalConsole;
import dev.eco.client.UdpLink;
import dev.eco.client.WsLink;
import java.io.Console;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eco chat}: the interactive client, also usable from a pipe. */
@Command(
        name = "chat",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Talks to a line-based echo or chat server: shows a '> ' prompt, sends each line typed and prints every"
                    + " line the server sends, as it arrives.",
            "quit, /quit, Ctrl-D or Ctrl-C ends the session: it waits for the server's bye, then exits 0.",
            "From a pipe it sends each line, prints the replies and exits after the reply to the last line (or bye);"
                    + " once the server confirmed a /join, other members' lines come too, so it exits instead when"
                    + " --timeout passes with no line from the server.",
            "In a room, when the connection drops it connects again (waiting 0.1 s, then twice as long each try, for"
                    + " up to 60 s), rejoins the room since the last message it printed and says how many it caught"
                    + " up.",
            "Exit status: 0 ok, 1 unreachable, timeout or closed by the server, 2 bad usage."
        },
        sortOptions = false,
        showDefaultValues = true)
final class ChatCommand extends ReadsInput implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(
            arity = "0..2",
            paramLabel = "[SERVER]",
            hideParamSyntax = true,
            showDefaultValue = Help.Visibility.NEVER,
            description = Address.FORMS + " (a lone number is a port on 127.0.0.1), or a WebSocket URL ws://HOST:PORT/"
                    + " or wss://HOST:PORT/; 127.0.0.1 9999 when none. Over TCP every address of a name is tried in"
                    + " turn; --udp uses the first one.")
    private List<String> operands = new ArrayList<>();

    @Option(
            names = {"-u", "--udp"},
            description = "Send each line as one UDP datagram and print each datagram that comes back.")
    private boolean udp;

    @Option(
            names = "--json",
            description = {"Send each line as a JSON message:", "{\"type\":\"message\",\"body\":LINE}"})
    private boolean json;

    @Option(
            names = {"-t", "--timeout"},
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = Options.PositiveTime.class,
            description = "How long to wait for the server to connect, and for replies once input ended or quit"
                    + " was sent; from a pipe in a room, the quiet time that ends the session: 500ms, 5s, 1m.")
    private Duration timeout;

    @Mixin
    private ClientTls tls = new ClientTls();

    @Override
    public Integer call() throws Exception {
        if (operands.size() == 1 && WebSocketUrl.looksLike(operands.getFirst())) {
            return chat(WebSocketUrl.parse(operands.getFirst(), spec.commandLine()));
        }
        Address server = Address.only(operands, new Address(Address.DEFAULT_HOST, 9999), spec.commandLine());
        String host = server.host();
        int port = server.port();
        tls.check(spec.commandLine());
        if (tls.on() && udp) {
            throw new ParameterException(
                    spec.commandLine(), "--tls speaks the line protocol over TCP: it cannot be used with --udp");
        }
        if (udp) {
            return run(UdpLink.open(host, port), null, Endpoints.describe(host, port));
        }
        ChatSession.Reopen tcp = () -> TcpLink.connect(host, port, timeout, tls.client(spec.commandLine()));
        return run(tcp.open(), tcp, Endpoints.describe(host, port));
    }

    /** A chat over WebSocket: {@code wss://} speaks TLS, with --ca or --insecure as over TCP. */
    private int chat(URI url) throws Exception {
        if (udp || tls.on()) {
            throw new ParameterException(
                    spec.commandLine(),
                    (udp ? "--udp" : "--tls") + " cannot be used with a WebSocket URL (wss:// is WebSocket over TLS)");
        }
        tls.check(spec.commandLine(), WebSocketUrl.secure(url));
        ChatSession.Reopen ws =
                () -> WsLink.connect(url, timeout, tls.client(spec.commandLine(), WebSocketUrl.secure(url)));
        return run(ws.open(), ws, url.toString());
    }

    /** @param reopen how to connect again when the connection drops in a room; null for UDP */
    private int run(Link opened, ChatSession.Reopen reopen, String shownAs) throws Exception {
        boolean terminal = !inputReplaced() && isTerminal();
        ChatSession session = new ChatSession(new ChatSession.Settings(json, timeout, terminal, shownAs));
        try (Link link = opened) {
            if (terminal) {
                try (TerminalConsole console = TerminalConsole.open()) {
                    link.start(session::post);
                    console.startReading(session::post);
                    return session.run(link, reopen, console::print);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            Consumer<String> print = line -> {
                out.println(line);
                out.flush();
            };
            link.start(session::post);
            if (!link.datagrams()) {
                session.awaitGreeting(ChatSession.GREETING_WAIT, print);
            }
            PlainInput.start(input(), session::post);
            return session.run(link, reopen, print);
        }
    }

    // On JDK 25 System.console() is null again without a terminal (the check knows JDK 22-24's behaviour).
    @SuppressWarnings("SystemConsoleNull")
    private static boolean isTerminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }
}

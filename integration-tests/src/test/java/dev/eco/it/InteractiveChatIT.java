package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.it.support.Tools;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code eco chat} on a real terminal: the real process in a tmux pane, typed at with send-keys, read with
 * capture-pane. Needs tmux (installed by .ci/run); skipped with a message where it is missing.
 */
class InteractiveChatIT {

    @BeforeAll
    static void needsTmux() {
        Tools.require(
                Tmux.available(),
                "tmux is not installed: the interactive chat cannot be driven through a terminal"
                        + " here (Debian package tmux)");
    }

    @Test
    void showsThePromptEchoesWhatIsTypedAndQuitExitsZero() throws Exception {
        ServerConfig config =
                ServerConfig.forTests().toBuilder().greeting("welcome to eco").build();
        try (EcoServer server = EcoServer.start(config);
                Tmux tmux = Tmux.start(chatCommand(server.tcpAddress().getPort()), 100, 30)) {
            tmux.awaitScreen("the greeting, then the prompt", screen -> screen.equals(List.of("welcome to eco", ">")));

            tmux.type("hola");
            tmux.press("Enter");
            tmux.awaitScreen(
                    "the echo under the typed line, then a new prompt",
                    screen -> screen.equals(List.of("welcome to eco", "> hola", "hola", ">")));

            tmux.type("quit");
            tmux.press("Enter");
            tmux.awaitScreen(
                    "bye, then exit status 0",
                    screen -> screen.equals(List.of("welcome to eco", "> hola", "hola", "> quit", "bye", "EXIT=0")));
        }
    }

    @Test
    void ctrlCAtThePromptEndsTheSessionTheProtocolsWay() throws Exception {
        try (EcoServer server = EcoServer.start(ServerConfig.forTests());
                Tmux tmux = Tmux.start(chatCommand(server.tcpAddress().getPort()), 100, 30)) {
            tmux.awaitScreen("the prompt", screen -> screen.equals(List.of(">")));

            tmux.type("never sent");
            tmux.press("C-c");
            tmux.awaitScreen(
                    "bye, then exit status 0",
                    screen -> screen.size() >= 2
                            && screen.get(screen.size() - 2).equals("bye")
                            && screen.getLast().equals("EXIT=0"));
        }
    }

    @SuppressWarnings("try") // the server hanging up mid-session is what is tested; the try only cleans up
    @Test
    void aLineThatArrivesWhileTypingIsPrintedAboveThePromptWithoutGarblingIt() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Tmux tmux = Tmux.start(chatCommand(listener.getLocalPort()), 100, 30)) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return listener.accept();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (Socket server = accepted.get(30, TimeUnit.SECONDS)) {
                OutputStream toClient = server.getOutputStream();
                tmux.awaitScreen("the prompt", screen -> screen.equals(List.of(">")));

                tmux.type("half a li");
                tmux.awaitScreen("the typed text", screen -> screen.equals(List.of("> half a li")));
                toClient.write("news from elsewhere\n".getBytes(StandardCharsets.UTF_8));
                toClient.flush();
                tmux.awaitScreen(
                        "the news above the prompt, the typed text intact",
                        screen -> screen.equals(List.of("news from elsewhere", "> half a li")));

                tmux.type("ne");
                tmux.press("Enter");
                assertEquals("half a line", readLine(server.getInputStream()), "what the server got");

                server.close(); // the server hangs up mid-session
                tmux.awaitScreen(
                        "one line saying so, then exit status 1",
                        screen -> screen.equals(List.of(
                                "news from elsewhere",
                                "> half a line",
                                ">",
                                "eco chat: connection closed by server",
                                "EXIT=1")));
            }
        }
    }

    /** The shell command for the pane: the real client, then its exit status, then the pane stays to be read. */
    private static String chatCommand(int port) {
        String client =
                ClientRuns.javaCommand().stream().map(InteractiveChatIT::quoted).collect(Collectors.joining(" "));
        return client + " chat 127.0.0.1 " + port + "; echo EXIT=$?; sleep 600";
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }
}

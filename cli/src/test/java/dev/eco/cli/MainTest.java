package dev.eco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which subcommands a command line builds: only the one it names, or all of them where all are shown. */
class MainTest {

    private static final List<String> ALL = List.of("serve", "chat", "send", "bench", "fanout", "help");

    @Test
    void aNamedCommandIsBuiltAlone() {
        for (String command : ALL.subList(0, ALL.size() - 1)) {
            CommandLine cli = Main.commandLine(new String[] {command, "--help"});
            assertEquals(List.of(command), List.copyOf(cli.getSubcommands().keySet()));
        }
    }

    @Test
    void helpTheTopLevelAndAnUnknownCommandSeeEveryCommand() {
        for (String[] args : List.of(
                new String[0],
                new String[] {"--help"},
                new String[] {"help", "serve"},
                new String[] {"frobnicate"},
                new String[] {"--port", "7"})) {
            CommandLine cli = Main.commandLine(args);
            assertEquals(ALL, List.copyOf(cli.getSubcommands().keySet()), String.join(" ", args));
        }
    }

    @Test
    void helpOnACommandStillDescribesIt() {
        CommandLine cli = Main.commandLine(new String[] {"help", "serve"});
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("help", "serve"));
        assertTrue(out.toString().startsWith("Usage: eco serve"), out.toString());
    }

    @Test
    void everyCommandsHelpRendersWithoutAPicocliWarning() {
        // picocli passes each description through String.format: a bare % (as in drop=10%) makes it print a
        // warning of its own on standard error instead of the help text.
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (String command : ALL.subList(1, ALL.size())) {
                Main.commandLine(new String[] {command})
                        .getSubcommands()
                        .get(command)
                        .getUsageMessage();
            }
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownCommandNamesTheCommands() {
        CommandLine cli = Main.commandLine(new String[] {"frobnicate"});
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("frobnicate"));
        assertTrue(
                err.toString()
                        .startsWith(
                                "eco: unknown command 'frobnicate': the commands are serve, chat, send, bench, fanout, help"),
                err.toString());
    }
}

package dev.eco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Each kind of bad command line gets eco's own sentence, {@code eco CMD: WHAT}, then the pointer to
 * {@code --help}, and exit status 2: never picocli's wording ({@code Invalid value for option '--count'},
 * {@code Missing required subcommand}).
 */
class UsageErrorsTest {

    @Test
    void noCommandNamesTheCommands() {
        assertSays("eco: no command given: the commands are serve, chat, send, bench, fanout, help");
    }

    @Test
    void aValueItsConverterRefusesIsTheOptionAndTheConvertersSentence() {
        assertSays("eco send: --count: 'abc' is not a whole number", "send", "--count", "abc", "1", "hi");
        assertSays("eco serve: --port: 'abc' is not a port number", "serve", "-p", "abc");
        assertSays("eco serve: --port: 'abc' is not a port number", "serve", "--port=abc");
    }

    @Test
    void aBadArgumentIsTheConvertersSentenceAlone() {
        assertSays("eco bench: the mode must be tcp, raw, udp or ws, not 'foo'", "bench", "foo", "1");
    }

    @Test
    void anOptionWithoutItsValueSaysWhatValue() {
        assertSays("eco serve: --port needs a value (PORT)", "serve", "--port");
        assertSays("eco serve: --port needs a value (PORT), not '--udp-port'", "serve", "--port", "--udp-port", "1");
    }

    @Test
    void missingArgumentsAreNamed() {
        assertSays("eco bench: missing MODE and SERVER", "bench");
        assertSays("eco bench: missing SERVER", "bench", "tcp");
        assertSays("eco send: missing SERVER [MESSAGE...]", "send");
    }

    @Test
    void anOptionGivenTwiceIsSaidOnce() {
        assertSays("eco serve: --port is given more than once", "serve", "-p", "1", "-p", "2");
    }

    @Test
    void anUnknownOptionIsNamedWithWhatItMayHaveMeant() {
        assertSays("eco chat: unknown option '--tiemout': did you mean --timeout?", "chat", "--tiemout", "1s");
        assertSays("eco serve: unknown option '-x'", "serve", "-x");
    }

    @Test
    void anUnexpectedArgumentIsNamed() {
        assertSays("eco serve: unexpected 'extra'", "serve", "extra");
    }

    private static void assertSays(String sentence, String... args) {
        CommandLine cli = Main.commandLine(args);
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute(args);
        String command = args.length == 0 || args[0].startsWith("-") ? "eco" : "eco " + args[0];
        assertEquals(
                List.of(sentence, "Try '" + command + " --help'."),
                err.toString().lines().toList(),
                String.join(" ", args));
        assertEquals(2, exit, String.join(" ", args));
        assertEquals("", out.toString(), "nothing on standard output");
    }
}

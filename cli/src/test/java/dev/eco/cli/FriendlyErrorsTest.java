package dev.eco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.client.ClientException;
import dev.eco.fanout.FanOutConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** An expected failure is one sentence; anything else is a bug and shows its stack trace. */
class FriendlyErrorsTest {

    @Command(name = "eco")
    static final class Root {}

    @Command(name = "try")
    static final class Failing implements Callable<Integer> {
        private final Callable<Integer> body;

        Failing(Callable<Integer> body) {
            this.body = body;
        }

        @Override
        public Integer call() throws Exception {
            return body.call();
        }
    }

    record Run(int exit, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(Callable<Integer> body) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Root()).addSubcommand(new Failing(body));
        cli.setExecutionExceptionHandler(new FriendlyErrors());
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("try");
        return new Run(exit, err.toString());
    }

    @Test
    void aClientFailureIsOneSentence() {
        Run run = run(() -> {
            throw new ClientException("cannot connect to 127.0.0.1:9: connection refused", new IOException("inner"));
        });

        assertEquals(1, run.exit());
        assertEquals("eco try: cannot connect to 127.0.0.1:9: connection refused\n", run.err());
    }

    @Test
    void anyIoFailureIsOneSentence() {
        Run run = run(() -> {
            throw new java.net.BindException("Address already in use");
        });

        assertEquals(1, run.exit());
        assertEquals(List.of("eco try: Address already in use"), run.errLines());
    }

    @Test
    void aSettingThatEcoRejectsIsOneSentence() {
        Run run = run(() -> {
            new FanOutConfig(
                    "127.0.0.1",
                    9999,
                    1,
                    1,
                    Duration.ofSeconds(1),
                    Duration.ZERO,
                    Duration.ZERO,
                    FanOutConfig.ServerKind.ECO,
                    "r");
            return 0;
        });

        assertEquals(1, run.exit());
        assertEquals(List.of("eco try: --members must be at least 2"), run.errLines());
    }

    @Test
    void aNullPointerIsABugWithItsStackTrace() {
        Run run = run(() -> {
            String missing = System.getProperty("eco.test.no.such.property");
            return missing.length();
        });

        assertEquals(1, run.exit());
        String first = run.errLines().getFirst();
        assertTrue(first.startsWith("eco try: this is a bug in eco"), run::err);
        assertTrue(first.contains("NullPointerException"), run::err);
        assertTrue(run.err().contains("\tat dev.eco.cli.FriendlyErrorsTest"), run::err);
    }

    @Test
    void anIllegalArgumentFromOutsideEcoIsABug() {
        Run numberFormat = run(() -> Integer.parseInt("twelve"));
        Run badPort = run(() -> new InetSocketAddress(InetAddress.getLoopbackAddress(), 70_000).getPort());

        for (Run run : List.of(numberFormat, badPort)) {
            assertEquals(1, run.exit());
            assertTrue(run.err().startsWith("eco try: this is a bug in eco"), run::err);
            assertTrue(run.err().contains("\tat "), run::err);
        }
    }
}

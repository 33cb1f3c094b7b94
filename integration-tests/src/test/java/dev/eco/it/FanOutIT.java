package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.cli.Main;
import dev.eco.it.ClientRuns.Result;
import dev.eco.junit.EcoTest;
import dev.eco.server.EcoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code eco fanout} against a real eco server on ephemeral ports: a short run loses nothing. */
@EcoTest
class FanOutIT {

    private static final Pattern COUNTS = Pattern.compile("(\\d+) sent, (\\d+)/(\\d+) delivered");

    private String port;

    @BeforeEach
    void start(EcoServer eco) {
        port = String.valueOf(eco.tcpAddress().getPort());
    }

    @Test
    void fiveMembersGetEveryMessageSentInTheWindow() {
        Result run = ClientRuns.inProcess(
                "",
                "fanout",
                "--members",
                "5",
                "--rate",
                "20",
                "--duration",
                "1s",
                "--warmup",
                "0s",
                "--drain",
                "1s",
                "127.0.0.1",
                port);

        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains(" 0 lost"), run::toString);
        assertTrue(run.out().contains(" 0 disconnected"), run::toString);
        Matcher counts = COUNTS.matcher(run.out());
        assertTrue(counts.find(), run::toString);
        long sent = Long.parseLong(counts.group(1));
        assertTrue(sent > 0, run::toString);
        assertEquals(sent * 5, Long.parseLong(counts.group(2)), run::toString);
        assertEquals(sent * 5, Long.parseLong(counts.group(3)), run::toString);
    }

    @Test
    void aRateThatIsNotAboveZeroIsBadUsage() {
        for (String rate : new String[] {"0", "-1", "NaN", "Infinity", "fast"}) {
            Result run = ClientRuns.inProcess("", "fanout", "--rate", rate, "127.0.0.1", port);

            assertEquals(2, run.exit(), run::toString);
            assertTrue(run.err().startsWith("eco fanout: "), run::toString);
            assertTrue(run.err().contains("'" + rate + "'"), run::toString);
            assertTrue(run.err().contains("Try 'eco fanout --help'."), run::toString);
            assertFalse(run.err().contains("Exception"), run::toString);
            assertEquals("", run.out(), run::toString);
        }
    }

    @Test
    void portZeroAndTooFewMembersAreBadUsage() {
        Result zero = ClientRuns.inProcess("", "fanout", "127.0.0.1", "0");
        Result one = ClientRuns.inProcess("", "fanout", "--members", "1", "127.0.0.1", port);

        assertEquals(2, zero.exit(), zero::toString);
        assertTrue(zero.err().contains("use 1 to 65535"), zero::toString);
        assertEquals(2, one.exit(), one::toString);
        assertTrue(one.err().startsWith("eco fanout: --members must be at least 2"), one::toString);
    }

    @Test
    void hostAndPortMayBeLeftOut() {
        StringWriter out = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out, true)).execute("fanout", "--help");

        assertEquals(0, exit, out::toString);
        assertTrue(out.toString().contains("[SERVER]"), out::toString);
    }
}

package dev.eco.cli;

import dev.eco.bench.Result;
import dev.eco.bench.Summary;
import dev.eco.client.Endpoints;
import java.util.Locale;

/**
 * Whether an {@code eco bench} run passed, which its exit status says: every reply right, and enough of them
 * answered to show the load reached an echo server of the mode asked for.
 */
final class BenchVerdict {

    private BenchVerdict() {}

    /** Why the run failed, as a sentence for standard error; null when it passed. */
    static String failure(Result result) {
        String unanswered = unanswered(result);
        if (unanswered != null) {
            return unanswered;
        }
        if (result.errors() > 0) {
            return Summary.count(result.errors(), "error") + ": the server's replies were not all right";
        }
        return null;
    }

    /**
     * A run in which the server answered nothing, or under a tenth of what was sent, is a failure even with no
     * counted error (a reply still awaited at the end is not late yet): the likely cause is the wrong mode or
     * port, e.g. {@code raw} against a line port, which waits for an LF that never comes.
     */
    private static String unanswered(Result r) {
        String where = Endpoints.describe(r.config().host(), r.config().port());
        String hint = " is " + where + " a " + r.config().mode().name().toLowerCase(Locale.ROOT) + " server?"
                + " eco's line port is 'tcp', its --raw-port 'raw', its UDP port 'udp', its --ws-port 'ws'";
        if (r.sent() > 0 && r.answered() == 0 && r.mismatches() == 0) {
            return "no reply came to the " + Summary.count(r.sent(), "message") + " sent:" + hint;
        }
        if (r.errors() == 0 && r.answered() * 10 < r.sent()) {
            return String.format(
                    Locale.ROOT,
                    "only %,d of the %s sent were answered:%s",
                    r.answered(),
                    Summary.count(r.sent(), "message"),
                    hint);
        }
        return null;
    }
}

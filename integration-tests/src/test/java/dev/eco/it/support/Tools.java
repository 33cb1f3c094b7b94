package dev.eco.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The outside tools some tests need (tmux, ss, openssl, nats-server, promtool), all installed by
 * {@code .ci/run}. Where one is missing a test is skipped with a message, except under {@code CI=true},
 * where that is a failure: a build must not pass by skipping what it was meant to check.
 */
public final class Tools {

    private Tools() {}

    /** Whether {@code command} (a tool asked for its version, say) runs and exits 0 within 10 s. */
    public static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command))
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Nothing when {@code present}; else skips the test with {@code why} (naming the tool and its Debian
     * package), or fails it under {@code CI=true}.
     */
    public static void require(boolean present, String why) {
        if (present) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(why + " (CI=true, so this is a failure, not a skip: .ci/run installs it)");
        }
        Assumptions.abort(why);
    }
}

package dev.eco.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A pseudo-terminal for tests, driven through tmux: one detached session on a tmux server of its own (so a
 * person's tmux is never touched), keys sent with {@code send-keys}, the screen read with {@code capture-pane}.
 */
final class Tmux implements AutoCloseable {

    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(10);

    private final String socketName = "eco-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final String session = "chat";

    /** Whether tmux can be run here. */
    static boolean available() {
        try {
            Process p =
                    new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code shellCommand} in a new detached window of {@code columns} x {@code rows}. */
    static Tmux start(String shellCommand, int columns, int rows) throws IOException, InterruptedException {
        Tmux tmux = new Tmux();
        tmux.run(
                "new-session",
                "-d",
                "-s",
                tmux.session,
                "-x",
                String.valueOf(columns),
                "-y",
                String.valueOf(rows),
                shellCommand);
        return tmux;
    }

    /** Types {@code text} literally (no key names). */
    void type(String text) throws IOException, InterruptedException {
        run("send-keys", "-t", session, "-l", text);
    }

    /** Presses keys by tmux name: {@code Enter}, {@code C-c}, {@code C-d}. */
    void press(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        run(args.toArray(String[]::new));
    }

    /** The visible screen, trailing blanks and empty lines at the bottom dropped. */
    List<String> screen() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(run("capture-pane", "-p", "-t", session)
                .lines()
                .map(String::stripTrailing)
                .toList());
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }

    /** Waits until the screen satisfies {@code condition} and returns it; fails with the screen as it was. */
    List<String> awaitScreen(String what, Predicate<List<String>> condition) {
        List<List<String>> last = new ArrayList<>(List.of(List.of()));
        try {
            await(what)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        last.set(0, screen());
                        return condition.test(last.get(0));
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + " did not show; the screen was:\n" + String.join("\n", last.get(0)), e);
        }
        return last.get(0);
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socketName));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tmux " + String.join(" ", args) + " did not end");
        }
        if (p.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    /** Ends the session and its tmux server, and so the program in it. */
    @Override
    public void close() {
        try {
            run("kill-server");
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // kept for the test to see, not lost inside a try-with-resources
        }
    }
}

package dev.eco.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl s_client} as a TLS peer: lines in through its standard input, the server's lines out of its
 * standard output into a queue (read with a timeout), its diagnostics on standard error kept for messages.
 */
public final class OpensslClient implements AutoCloseable {

    private static final String END = "\u0000end of stream";

    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Thread outPump;
    private final Thread errPump;

    private OpensslClient(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
        this.outPump = pump(process.inputReader(StandardCharsets.UTF_8), lines, true);
        this.errPump = pump(process.errorReader(StandardCharsets.UTF_8), stderr, false);
    }

    /** {@code openssl s_client -connect 127.0.0.1:PORT -quiet EXTRA...}. */
    public static OpensslClient connect(int port, String... extra) throws IOException {
        List<String> command =
                new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-quiet"));
        command.addAll(List.of(extra));
        return new OpensslClient(new ProcessBuilder(command).start());
    }

    /**
     * {@code openssl s_client -connect 127.0.0.1:PORT EXTRA...} without {@code -quiet}: its session is printed
     * before the server's lines, and a line starting with {@code R} on its input makes it renegotiate.
     */
    public static OpensslClient interactive(int port, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port));
        command.addAll(List.of(extra));
        return new OpensslClient(new ProcessBuilder(command).start());
    }

    private static Thread pump(BufferedReader reader, java.util.Collection<String> into, boolean markEnd) {
        return Thread.ofPlatform().daemon().name("openssl-pump").start(() -> {
            try (reader) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    into.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (markEnd) {
                    into.add(END);
                }
            }
        });
    }

    public OpensslClient sendLine(String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        return this;
    }

    /** The next line the server sent; fails after 5 s or at end of stream. */
    public String readLine() throws InterruptedException {
        String line = lines.poll(5, TimeUnit.SECONDS);
        if (line == null || line.equals(END)) {
            throw new AssertionError((line == null ? "no line from openssl within 5 s" : "openssl's output ended")
                    + "; its stderr: " + stderr);
        }
        return line;
    }

    /** Skips the server's lines up to {@code expected}; fails after 5 s without it, or at end of stream. */
    public void skipTo(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                throw new AssertionError("no line '" + expected + "' from openssl"
                        + (line == null ? " within 5 s" : " before its output ended") + "; its stderr: " + stderr);
            }
            if (line.equals(expected)) {
                return;
            }
        }
    }

    /** The server's lines that came after what was read, up to openssl's exit: wait for {@link #awaitExit} first. */
    public List<String> rest() {
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        rest.remove(END);
        return rest;
    }

    /** Waits for openssl to exit, and for what it wrote to be read to its end; returns its exit code. */
    public int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("openssl did not exit within " + within.toMillis() + " ms; stderr: " + stderr);
        }
        outPump.join(Duration.ofSeconds(5));
        errPump.join(Duration.ofSeconds(5));
        return process.exitValue();
    }

    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly(); // asked to stop waiting: kill it, and keep the interrupt for the test to see
            Thread.currentThread().interrupt();
        }
    }
}

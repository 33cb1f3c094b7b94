package dev.eco.it.hostile;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A process's heap after a full GC and its open files, measured rather than assumed: the heap through
 * {@code jcmd PID GC.run} then {@code GC.heap_info}, the files by counting {@code /proc/PID/fd}.
 */
record Footprint(long heapBytes, long openFiles) {

    /** How far above its baseline a process may stay once an attack is over: noise, caches, a JIT's buffers. */
    static final long HEAP_MARGIN_BYTES = 8L << 20;

    static final long FILES_MARGIN = 3;
    /** How long the server may take to let go of an attack's connections and garbage. */
    static final Duration SETTLE = Duration.ofSeconds(20);

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    static Footprint of(long pid) {
        return new Footprint(heapAfterGc(pid), openFiles(pid));
    }

    /** Waits until the process is back within the margins of {@code baseline}; returns what it measured. */
    static Footprint awaitBackTo(Footprint baseline, long pid) {
        return await().atMost(SETTLE)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> of(pid),
                        now -> now.heapBytes() <= baseline.heapBytes() + HEAP_MARGIN_BYTES
                                && now.openFiles() <= baseline.openFiles() + FILES_MARGIN);
    }

    static long openFiles(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long heapAfterGc(long pid) {
        jcmd(pid, "GC.run");
        Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new AssertionError("no 'used NK' in jcmd GC.heap_info of " + pid);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("jcmd " + pid + " " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return (heapBytes >> 10) + " KiB heap, " + openFiles + " open files";
    }
}

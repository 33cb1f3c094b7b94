package dev.eco.it.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Three real {@code nats-server} processes forming one JetStream cluster on loopback, for the tests of what a
 * cluster is for: free ports, one store per server in a temporary directory, routes to the other two. Each
 * server can be killed (SIGKILL), stopped (SIGTERM) and started again on its config and store. Servers are
 * numbered 0 to 2 and named {@code n0} to {@code n2}.
 *
 * <p>{@code no_advertise}: a server does not tell its clients the other servers' URLs, so a node that was given
 * one URL (a proxy's, in the cut-off test) stays on it; nodes given all three fail over among them.
 */
public final class NatsCluster implements AutoCloseable {

    public static final int SIZE = 3;
    /** Up and agreeing on a meta leader: 0.5 to 1 s here; generous for a loaded machine. */
    private static final Duration HEALTHY_LIMIT = Duration.ofSeconds(30);

    private static final Duration STOP_LIMIT = Duration.ofSeconds(15);
    private static final int START_ATTEMPTS = 3;

    private final Path dir;
    private final int[] client = new int[SIZE];
    private final int[] monitor = new int[SIZE];
    private final Process[] process = new Process[SIZE];
    /** Ended on purpose (killed or stopped) and not started again. */
    private final boolean[] ended = new boolean[SIZE];

    private final NatsMonitor[] monitors = new NatsMonitor[SIZE];

    private NatsCluster() throws IOException {
        dir = Files.createTempDirectory("eco-nats-cluster-");
        int[] ports = NatsClusterFiles.distinctPorts(3 * SIZE);
        int[] route = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            client[i] = ports[3 * i];
            route[i] = ports[3 * i + 1];
            monitor[i] = ports[3 * i + 2];
            monitors[i] = new NatsMonitor(monitor[i]);
        }
        for (int i = 0; i < SIZE; i++) {
            NatsClusterFiles.writeConfig(dir, i, client[i], monitor[i], route);
        }
    }

    public static NatsCluster start() throws IOException {
        NatsServer.requireInstalled();
        for (int attempt = 1; ; attempt++) {
            NatsCluster cluster = new NatsCluster();
            try {
                for (int i = 0; i < SIZE; i++) {
                    cluster.launch(i);
                }
                for (int i = 0; i < SIZE; i++) {
                    cluster.awaitHealthy(i);
                }
                return cluster;
            } catch (ServerExited e) {
                cluster.close();
                if (attempt == START_ATTEMPTS) {
                    throw e;
                }
                // nine ports were free when chosen; another process on this shared machine may have taken one since
                System.out.println("a NATS cluster did not start, trying other ports: " + e.getMessage());
            } catch (IOException | RuntimeException | Error e) {
                cluster.close();
                throw e;
            }
        }
    }

    /** A server ended by itself, with the end of its log. */
    private static final class ServerExited extends IllegalStateException {
        ServerExited(String message) {
            super(message);
        }
    }

    public String url(int i) {
        return "nats://127.0.0.1:" + client[i];
    }

    public int port(int i) {
        return client[i];
    }

    /** All three URLs, comma-separated, as {@code --nats} takes them. */
    public String urls() {
        return String.join(",", IntStream.range(0, SIZE).mapToObj(this::url).toList());
    }

    private void launch(int i) throws IOException {
        if (process[i] != null && process[i].isAlive()) {
            throw new IllegalStateException("n" + i + " is already running");
        }
        ended[i] = false;
        process[i] = new ProcessBuilder(
                        NatsServer.binary(),
                        "-c",
                        NatsClusterFiles.config(dir, i).toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        NatsClusterFiles.log(dir, i).toFile()))
                .start();
    }

    /** Starts server {@code i} again on its config and store, and returns once it is healthy. */
    public void startAgain(int i) throws IOException {
        launch(i);
        awaitHealthy(i);
    }

    /** SIGKILL: the server dies as in a crash. */
    public void kill(int i) throws InterruptedException {
        end(i, true);
    }

    /** SIGTERM, as in a rolling upgrade: the server hands its leaderships over and flushes its store. */
    public void stop(int i) throws InterruptedException {
        end(i, false);
    }

    private void end(int i, boolean force) throws InterruptedException {
        ended[i] = true;
        Process p = process[i];
        if (p == null || !p.isAlive()) {
            return;
        }
        if (force) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        if (!p.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Which server leads {@code stream} (e.g. {@code ECO_ROOMS}, or {@code KV_ECO_NAMES} for a bucket); -1 if none. */
    public int leaderOf(String stream) {
        for (int i = 0; i < SIZE; i++) {
            if (process[i] != null && process[i].isAlive()) {
                String leader = monitors[i].leaderOf(stream);
                if (leader != null) {
                    return Integer.parseInt(leader.substring(1));
                }
            }
        }
        return -1;
    }

    /** Waits until server {@code i} is healthy ({@link NatsMonitor#healthy}): up, and current with the cluster. */
    public void awaitHealthy(int i) {
        await("nats-server n" + i + " healthy (its log: " + NatsClusterFiles.log(dir, i) + ")")
                .atMost(HEALTHY_LIMIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    for (int j = 0; j < SIZE; j++) { // one that exited keeps the others from ever being healthy
                        if (process[j] != null && !ended[j] && !process[j].isAlive()) {
                            throw new ServerExited(
                                    "nats-server n" + j + " exited: " + NatsClusterFiles.logTail(dir, j));
                        }
                    }
                    return monitors[i].healthy();
                });
    }

    /** Stops all three (SIGTERM, in parallel) and deletes their stores; safe twice. */
    @Override
    public void close() {
        List<Thread> stopping = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            int server = i;
            stopping.add(Thread.ofVirtual().start(() -> {
                try {
                    end(server, false);
                } catch (InterruptedException e) {
                    process[server].destroyForcibly();
                }
            }));
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

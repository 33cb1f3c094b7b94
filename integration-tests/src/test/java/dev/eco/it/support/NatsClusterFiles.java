package dev.eco.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of a {@link NatsCluster}'s server {@code i} in its folder: its config ({@code n0.conf}; routes to
 * the other servers, {@code no_advertise} so that a node given one URL stays on it, a store of its own) and its
 * log.
 */
final class NatsClusterFiles {

    private NatsClusterFiles() {}

    /** {@code count} different free ports, outside the ephemeral range ({@link FreePorts#tcpOutsideEphemeralRange}). */
    static int[] distinctPorts(int count) {
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(FreePorts.tcpOutsideEphemeralRange());
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }

    static Path config(Path dir, int i) {
        return dir.resolve("n" + i + ".conf");
    }

    static Path log(Path dir, int i) {
        return dir.resolve("n" + i + ".log");
    }

    static void writeConfig(Path dir, int i, int client, int monitor, int[] routes) throws IOException {
        StringBuilder others = new StringBuilder();
        for (int j = 0; j < routes.length; j++) {
            if (j != i) {
                others.append("    nats-route://127.0.0.1:").append(routes[j]).append('\n');
            }
        }
        Files.writeString(config(dir, i), """
                server_name: n%d
                listen: 127.0.0.1:%d
                http: 127.0.0.1:%d
                jetstream { store_dir: "%s", max_memory_store: 64MB, max_file_store: 1GB }
                cluster {
                  name: eco
                  listen: 127.0.0.1:%d
                  no_advertise: true
                  routes: [
                %s  ]
                }
                """.formatted(i, client, monitor, dir.resolve("n" + i), routes[i], others));
    }

    /** The last lines of server {@code i}'s log, for a failure message (the folder goes when the cluster does). */
    static String logTail(Path dir, int i) {
        try {
            List<String> lines = Files.readAllLines(log(dir, i));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

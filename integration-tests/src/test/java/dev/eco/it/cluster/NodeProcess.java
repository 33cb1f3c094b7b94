package dev.eco.it.cluster;

import dev.eco.nats.NatsNode;
import dev.eco.nats.NatsSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node in a JVM of its own, so a test can SIGKILL it: {@code URL PREFIX ROOM NICK...} joins ROOM with each
 * NICK, prints {@code ready}, and waits for standard input to end. Its log goes to target/node-process.log.
 */
final class NodeProcess {

    private NodeProcess() {}

    public static void main(String[] args) throws Exception {
        NatsSettings settings =
                NatsSettings.defaults(args[0], "doomed").withPrefix(args[1]).withLiveness(Nodes.TTL, Nodes.BEAT);
        try (NatsNode node = NatsNode.start(settings)) {
            for (int i = 3; i < args.length; i++) {
                TestMember.join(node, args[i], args[2]);
            }
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
    }

    /** Starts one and waits for its {@code ready}. */
    static Process start(String url, String prefix, String room, String... nicks)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java, "-cp", System.getProperty("java.class.path"), NodeProcess.class.getName(), url, prefix, room));
        command.addAll(List.of(nicks));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        Path.of("target", "node-process.log").toFile()))
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("the node process did not start: " + line);
        }
        return process;
    }
}

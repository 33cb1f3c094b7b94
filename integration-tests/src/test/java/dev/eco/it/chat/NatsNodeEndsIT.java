package dev.eco.it.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.NatsServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real {@code eco serve --nats} process ends while its members are in a shared room, watched from another
 * node: killed (SIGKILL), the survivors announce its members as left and free their names within a few
 * seconds; stopped (SIGTERM), its members get the shutdown notice and leave at once.
 */
class NatsNodeEndsIT {

    private static EcoProcess node(NatsServer nats, String name) throws Exception {
        return EcoProcess.serve(
                "--port",
                "0",
                "--udp-port",
                "off",
                "--nats",
                nats.url(),
                "--node",
                name,
                "--node-ttl",
                Cluster.NODE_TTL.toSeconds() + "s");
    }

    @Test
    void aKilledNodesMembersLeaveAndItsNamesAreFreedWithinSeconds() throws Exception {
        try (Cluster cluster = Cluster.start("nats", ChatLimits.DEFAULT);
                EcoProcess doomed = node(cluster.nats(), "doomed");
                LineClient watcher = LineClient.connect(cluster.node(0));
                LineClient victim = LineClient.connect(doomed.address("tcp"))) {
            watcher.send("/nick watcher", "/join lobby");
            watcher.readLines(2);
            victim.send("/nick victim", "/join lobby");
            assertEquals(List.of("nick victim", "joined lobby, members: watcher, victim"), victim.readLines(2));
            assertEquals("* victim joined lobby", watcher.readLine());

            long killed = System.nanoTime();
            doomed.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertEquals("* victim left lobby", watcher.readLine()); // the read timeout (10 s) bounds the wait
            Duration noticed = Duration.ofNanos(System.nanoTime() - killed);
            System.out.println("a SIGKILLed node's member was shown as left after " + noticed.toMillis() + " ms");
            watcher.send("/who");
            assertEquals("members of lobby: watcher", watcher.readLine());
            try (LineClient heir = LineClient.connect(cluster.node(1))) {
                // The reaper frees the names right after it announces the leave: within a few seconds, not at once.
                await("the killed node's name is free")
                        .atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            heir.send("/nick victim");
                            return heir.readLine().equals("nick victim");
                        });
            }
        }
    }

    @Test
    void aStoppedNodesMembersGetTheShutdownNoticeAndTheOthersSeeThemLeave() throws Exception {
        try (Cluster cluster = Cluster.start("nats", ChatLimits.DEFAULT);
                EcoProcess stopping = node(cluster.nats(), "stopping");
                LineClient watcher = LineClient.connect(cluster.node(1));
                LineClient member = LineClient.connect(stopping.address("tcp"))) {
            watcher.send("/nick watcher", "/join lobby");
            watcher.readLines(2);
            member.send("/nick ann", "/join lobby");
            assertEquals(List.of("nick ann", "joined lobby, members: watcher, ann"), member.readLines(2));
            assertEquals("* ann joined lobby", watcher.readLine());

            long stopped = System.nanoTime();
            assertEquals(0, stopping.terminate(Duration.ofSeconds(20)));
            assertEquals("server shutting down", member.readLine());
            assertTrue(member.isClosedByServer());
            assertEquals("* ann left lobby", watcher.readLine());
            // a clean leave, not the reaper: well within the node TTL
            Duration took = Duration.ofNanos(System.nanoTime() - stopped);
            assertTrue(took.compareTo(Cluster.NODE_TTL.plusSeconds(5)) < 0, "took " + took);
            watcher.send("/nick ann");
            assertEquals("nick ann", watcher.readLine());
        }
    }
}

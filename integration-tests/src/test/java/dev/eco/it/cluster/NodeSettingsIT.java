package dev.eco.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.NatsServer;
import dev.eco.it.support.NatsWatcher;
import dev.eco.nats.NatsNode;
import dev.eco.nats.NatsUnavailableException;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Nodes started with different settings: each is judged by its own TTL, and none changes what another created
 * (it says how its settings differ, in one sentence, instead).
 */
class NodeSettingsIT {

    @Test
    void eachNodeIsJudgedByItsOwnTtlWhateverTheOthersUse() throws Exception {
        try (NatsServer nats = NatsServer.start();
                Nodes nodes = new Nodes(nats)) {
            NatsNode patient =
                    nodes.start(nodes.settings("patient").withLiveness(Duration.ofSeconds(15), Duration.ofSeconds(5)));
            TestMember member = TestMember.join(patient, "slowbeat", "lobby");
            NatsNode quick = nodes.start("quick"); // TTL 3 s, a beat every second
            // patient beats every 5 s: judged by quick's TTL of 3 s it would be dead between two beats
            await("patient's member stays while quick judges")
                    .during(Duration.ofSeconds(7))
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> quick.registry().members("lobby").equals(List.of("slowbeat")));
            assertEquals(List.of(), member.events(), "nobody left, nobody was announced as left");
        }
    }

    @Test
    void aNodeWithOtherSettingsSaysSoAndChangesNothing() throws Exception {
        try (NatsServer nats = NatsServer.start();
                Nodes nodes = new Nodes(nats);
                NatsWatcher watcher = NatsWatcher.connect(nats.url())) {
            NatsNode first = nodes.start("first");
            assertEquals(List.of(), first.setupNotes());
            NatsNode second = nodes.start(
                    nodes.settings("second").toBuilder().keptPerRoom(500).build());
            String stream = nodes.prefix.toUpperCase(Locale.ROOT) + "_ROOMS";
            assertEquals(
                    List.of("NATS stream " + stream + " exists with other settings than this node's (messages per room"
                            + " 1000 there, 500 here): using it as it is (change it with the NATS tools, or start"
                            + " every node with the same settings)"),
                    second.setupNotes());
            StreamConfiguration kept = watcher.connection()
                    .jetStreamManagement()
                    .getStreamInfo(stream)
                    .getConfiguration();
            assertEquals(1_000, kept.getMaxMsgsPerSubject(), "the stream was not changed");

            NatsUnavailableException lone = assertThrows(
                    NatsUnavailableException.class,
                    () -> nodes.start(nodes.settings("third").withReplicas(3)));
            assertTrue(
                    lone.getMessage()
                            .endsWith("is a single server, not a cluster, so it keeps one replica only: start"
                                    + " the nodes with --nats-replicas 1"),
                    lone.getMessage());
        }
    }
}

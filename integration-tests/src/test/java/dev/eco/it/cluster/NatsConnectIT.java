package dev.eco.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.FreePorts;
import dev.eco.it.support.NatsServer;
import dev.eco.nats.NatsNode;
import dev.eco.nats.NatsSettings;
import dev.eco.nats.NatsUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** NATS not there at start: one sentence, or, when asked to wait, a node that starts once NATS does. */
class NatsConnectIT {

    @Test
    void unreachableNatsIsOneSentence() {
        String url = "nats://127.0.0.1:" + FreePorts.tcp();
        NatsUnavailableException e = assertThrows(
                NatsUnavailableException.class, () -> NatsNode.start(NatsSettings.defaults(url, "lonely")));
        assertEquals("cannot reach NATS at " + url + ": is nats-server -js running there?", e.getMessage());
    }

    @Test
    void aNodeAskedToWaitStartsWhenNatsDoes() throws Exception {
        try (NatsServer nats = NatsServer.prepare();
                Nodes nodes = new Nodes(nats)) {
            NatsSettings waiting = nodes.settings("patient").withConnectWait(Duration.ofSeconds(20));
            CompletableFuture<NatsNode> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return nodes.start(waiting);
                } catch (NatsUnavailableException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(!starting.isDone(), "no NATS yet");
            nats.startAgain();
            NatsNode node = starting.get(30, TimeUnit.SECONDS);
            assertTrue(node.available());
            assertTrue(node.registry().claimNick("here", node.newMember()));
        }
    }
}

package dev.eco.it.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import dev.eco.fanout.FanOutConfig;
import dev.eco.fanout.FanOutMeasurement;
import dev.eco.fanout.FanOutResult;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code eco fanout --also}: members spread over two nodes of one NATS get every message, none lost. */
class CrossNodeFanOutIT {

    @Test
    void membersOnTwoNodesGetEveryMessageSentInTheWindow() throws Exception {
        try (Cluster cluster = Cluster.start("nats", ChatLimits.DEFAULT)) {
            InetSocketAddress first = cluster.node(0);
            InetSocketAddress second = cluster.node(1);
            int members = 6;
            FanOutResult result = new FanOutMeasurement(new FanOutConfig(
                            first.getHostString(),
                            first.getPort(),
                            members,
                            10,
                            Duration.ofSeconds(1),
                            Duration.ZERO,
                            Duration.ofSeconds(2),
                            FanOutConfig.ServerKind.ECO,
                            "fanout",
                            List.of(InetSocketAddress.createUnresolved(second.getHostString(), second.getPort()))))
                    .run();
            assertTrue(result.sent() > 0, result.summary());
            assertEquals(0, result.lost(), result.summary());
            assertEquals(0, result.disconnected(), result.summary());
            assertEquals(result.sent() * members, result.deliveries(), result.summary());
        }
    }
}

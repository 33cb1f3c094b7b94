package dev.eco.it.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.NatsServer;
import dev.eco.it.support.NatsWatcher;
import dev.eco.nats.NatsNode;
import dev.eco.nats.NatsRooms;
import dev.eco.nats.NatsSettings;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import dev.eco.server.ServerMetrics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A {@code nick} whose claim succeeded but whose announcement to the room failed still frees the old name: the
 * member holds the new one, and the old one would otherwise be held by nobody, for good. The announcement is
 * made to fail for real: the room stream is deleted under the node, so NATS has no one to store it.
 */
class NatsRenameIT {

    @Test
    void theOldNameIsFreedEvenWhenTellingTheRoomFails() throws Exception {
        try (NatsServer nats = NatsServer.start();
                NatsWatcher watcher = NatsWatcher.connect(nats.url())) {
            NatsSettings settings = NatsSettings.defaults(nats.url(), "n1").toBuilder()
                    .prefix("renames")
                    .failoverWait(Duration.ofSeconds(1)) // the stream will not come back: give up soon
                    .build();
            NatsNode node = NatsNode.start(settings);
            try (EcoServer server =
                            EcoServer.start(ServerConfig.forTests(), ServerMetrics.NONE, NatsRooms.factory(node));
                    LineClient renamer = LineClient.connect(server.tcpAddress());
                    LineClient other = LineClient.connect(server.tcpAddress())) {
                renamer.send("/nick before", "/join lobby");
                assertEquals("nick before", renamer.readLine());
                assertTrue(renamer.readLine().startsWith("joined lobby"));

                watcher.connection().jetStreamManagement().deleteStream("RENAMES_ROOMS");
                renamer.send("/nick after");
                assertEquals("nick after", renamer.readLine(), "the claim succeeded");
                String refused = renamer.readLine();
                assertTrue(refused.startsWith("error: unavailable: "), refused);

                other.send("/nick before");
                assertEquals("nick before", other.readLine(), "the old name is free");
                other.send("/nick after");
                assertEquals("error: nick_taken: the name after is taken", other.readLine());
            }
        }
    }
}

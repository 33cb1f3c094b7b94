package dev.eco.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@code @EcoTest(config = …)}: the server starts from what the named static method returns. */
@EcoTest(config = "greeted")
class ConfigMethodTest {

    static ServerConfig greeted() {
        return ServerConfig.forTests().toBuilder()
                .greeting("hello from the config")
                .maxFrame(1_024)
                .build();
    }

    @Test
    void theNamedMethodConfiguresTheServer(EcoServer server) throws IOException {
        assertEquals(1_024, server.config().limits().maxFrameBytes());
        assertEquals("hello from the config", Lines.exchange(server.tcpAddress(), true, "x")[0]);
    }
}

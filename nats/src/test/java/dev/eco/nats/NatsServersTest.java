package dev.eco.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsServersTest {

    @Test
    void severalUrlsAreKeptInOrder() {
        NatsServers servers = NatsServers.parse("nats://10.0.0.1:4222, nats://10.0.0.2:4222,tls://h3");
        assertEquals("nats://10.0.0.1:4222,nats://10.0.0.2:4222,tls://h3", servers.shown());
        assertEquals(NatsCredentials.NONE, servers.credentials());
    }

    @Test
    void userInfoMovesIntoTheCredentialsAndOutOfEveryUrlShown() {
        NatsServers servers = NatsServers.parse("nats://eco:s%40cret+1@10.0.0.1:4222,nats://10.0.0.2:4222");
        assertEquals("nats://10.0.0.1:4222,nats://10.0.0.2:4222", servers.shown());
        assertEquals(new NatsCredentials.UserPassword("eco", "s@cret+1"), servers.credentials());
        assertFalse(
                servers.credentials().toString().contains("cret"),
                servers.credentials().toString());
        assertEquals("user eco", servers.credentials().described());

        NatsServers token = NatsServers.parse("nats://T0KEN@127.0.0.1:4222");
        assertEquals(new NatsCredentials.Token("T0KEN"), token.credentials());
        assertEquals("nats://127.0.0.1:4222", token.shown());
        assertFalse(token.credentials().toString().contains("T0KEN"));
    }

    @Test
    void badUrlsAreRefusedWithoutShowingTheirSecret() {
        for (String bad : new String[] {
            "http://eco:hunter2@h:80", "nats://eco:hunter2@h:4222/path", "nats://eco:hunter2@h:4222?x=1", "eco:hunter2@"
        }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NatsServers.parse(bad));
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        }
        IllegalArgumentException twoSecrets = assertThrows(
                IllegalArgumentException.class, () -> NatsServers.parse("nats://a:x@h1:1,nats://a:y@h2:1"));
        assertFalse(twoSecrets.getMessage().contains(":x")
                || twoSecrets.getMessage().contains(":y"));
        IllegalArgumentException badEscape =
                assertThrows(IllegalArgumentException.class, () -> NatsServers.parse("nats://eco:hunter2%zz@h:1"));
        assertFalse(badEscape.getMessage().contains("hunter2"), badEscape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NatsServers.parse(" "));
    }

    @Test
    void credentialsAreGivenOnce() {
        NatsServers inUrl = NatsServers.parse("nats://eco:pw@h:1");
        assertThrows(IllegalArgumentException.class, () -> inUrl.withCredentials(new NatsCredentials.Token("t")));
        assertEquals(inUrl, inUrl.withCredentials(NatsCredentials.NONE));
        NatsServers open = NatsServers.parse("nats://h:1");
        assertEquals(
                new NatsCredentials.Token("t"),
                open.withCredentials(new NatsCredentials.Token("t")).credentials());
    }

    @Test
    void hidingUserInfoInFreeText() {
        assertEquals(
                "Unable to connect to NATS servers: [nats://10.0.0.1:4222, tls://h:1]",
                NatsServers.hideUserInfo(
                        "Unable to connect to NATS servers: [nats://eco:pw@10.0.0.1:4222, tls://t@h:1]"));
    }

    @Test
    void secretsFromFilesLoseTheirLineEndAndNeverAppearInErrors(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "s3cret\n");
        assertEquals("s3cret", NatsCredentials.secretFrom(file, "token"));
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NatsCredentials.secretFrom(empty, "token"));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NatsCredentials.secretFrom(dir.resolve("none"), "token"));
        assertThrows(IllegalArgumentException.class, () -> new NatsCredentials.CredsFile(dir.resolve("none.creds")));
    }
}

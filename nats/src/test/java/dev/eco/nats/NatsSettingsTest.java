package dev.eco.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NatsSettingsTest {

    private final NatsSettings defaults = NatsSettings.defaults("nats://127.0.0.1:4222", "n1");

    @Test
    void namesDeriveFromThePrefix() {
        assertEquals("ECO_ROOMS", defaults.streamName());
        assertEquals("T1_NAMES", defaults.withPrefix("t1").namesBucket());
        assertEquals("T1_NODES", defaults.withPrefix("t1").nodesBucket());
    }

    @Test
    void badValuesAreRefusedWithASentence() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NatsSettings.defaults("nats://x", "bad name"))
                .getMessage()
                .startsWith("a node name must be"));
        assertThrows(IllegalArgumentException.class, () -> defaults.withPrefix("Eco"));
        assertThrows(IllegalArgumentException.class, () -> defaults.withRooms(0, 1, 1, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> defaults.withRooms(1, 1, NatsSettings.MAX_MESSAGE_BYTES_CEILING + 1, 0));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> defaults.withLiveness(Duration.ofSeconds(3), Duration.ofSeconds(2)))
                .getMessage()
                .contains("third"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> defaults.withReplicas(6))
                .getMessage()
                .contains("1 to 5"));
        assertThrows(IllegalArgumentException.class, () -> defaults.withReplicas(0));
        assertEquals(3, defaults.withReplicas(3).replicas());
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> defaults.toBuilder().keptPerRoom(50).build())
                .getMessage()
                .contains("at least the history"));
        assertEquals(1_000, defaults.keptPerRoom());
        assertEquals(1, defaults.replicas());
    }

    @Test
    void tokensIgnoreCaseAndKeepDotsOutOfSubjects() {
        assertEquals(Tokens.of("lobby"), Tokens.of("LoBBy"));
        assertEquals("a=2eb", Tokens.of("a.b"));
        assertEquals("=2e=2e=2e", Tokens.of("..."));
        assertTrue(!Tokens.of("a.b").equals(Tokens.of("a_b")));
        assertThrows(IllegalArgumentException.class, () -> Tokens.of("a b"));
        assertThrows(IllegalArgumentException.class, () -> Tokens.of("x>"));
    }

    @Test
    void memberKeysCarryTheirIncarnation() {
        MemberRef ref = new MemberRef("n1", "abc123", 17);
        assertEquals("abc123_17", ref.key());
        assertEquals("abc123", MemberRef.incarnationOf(ref.key()));
        assertThrows(IllegalArgumentException.class, () -> new MemberRef("n1", "ABC", 1));
    }
}

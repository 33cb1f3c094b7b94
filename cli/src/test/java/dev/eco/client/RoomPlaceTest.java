package dev.eco.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.protocol.Codec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomPlaceTest {

    private final RoomPlace place = new RoomPlace(new Codec(), false);

    private String frame(String typed) {
        return new String(place.frame(typed), StandardCharsets.UTF_8).stripTrailing();
    }

    @Test
    void beforeAJoinLinesGoAndShowAsTheyAre() {
        assertEquals("hello", frame("hello"));
        assertEquals("hello", place.shown("hello"));
        assertFalse(place.inRoom());
    }

    @Test
    void fromATypedJoinOnTextGoesAsJsonAndJsonRepliesShowAsText() {
        assertEquals("/nick cat", frame("/nick cat")); // no join yet: as typed
        assertEquals("{\"type\":\"join\",\"room\":\"lobby\"}", frame("/join lobby"));
        assertEquals("nick cat", place.shown("nick cat")); // the answer to the nick came as text
        assertEquals("{\"type\":\"message\",\"body\":\"hi all\"}", frame("hi all"));
        assertEquals(
                "joined lobby, members: cat",
                place.shown("{\"type\":\"join\",\"room\":\"lobby\",\"members\":[\"cat\"],\"seq\":7}"));
        assertTrue(place.inRoom());
        assertEquals(
                "[lobby] <tom> one",
                place.shown("{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"tom\",\"body\":\"one\",\"seq\":9}"));
        assertEquals("a greeting", place.shown("a greeting"));
        List<String> back = place.comeBack().stream()
                .map(f -> new String(f, StandardCharsets.UTF_8).stripTrailing())
                .toList();
        assertEquals(
                List.of("{\"type\":\"nick\",\"name\":\"cat\"}", "{\"type\":\"join\",\"room\":\"lobby\",\"since\":9}"),
                back);
        place.shown("{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"tom\",\"body\":\"two\",\"seq\":12,"
                + "\"history\":true}");
        assertFalse(place.replayOver());
        place.shown("{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"tom\",\"body\":\"three\",\"seq\":13}");
        assertTrue(place.replayOver());
        assertEquals("* caught up 1 message of lobby", place.caughtUp());
    }

    @Test
    void aPersonWhoTypesJsonSeesJson() {
        String join = "{\"type\":\"join\",\"room\":\"lobby\"}";
        assertEquals(join, frame(join));
        String joined = "{\"type\":\"join\",\"room\":\"lobby\",\"members\":[\"guest-1\"],\"seq\":3}";
        assertEquals(joined, place.shown(joined));
        assertTrue(place.inRoom());
    }
}

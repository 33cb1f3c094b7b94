package dev.eco.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.protocol.Codec;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.RawJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What in-process rooms keep for {@code --history} and resumed joins, and how they number across empty spells. */
class LocalResumeTest {

    private final Codec codec = new Codec();

    private RawJson text(String text) {
        return new RawJson(codec.quote(text));
    }

    @Test
    void aJoinReplaysTheLastMessagesKeptWithinTheByteLimit() {
        // bodies "m0" to "m9" are 4 bytes of JSON each: 12 bytes keep the last 3
        LocalRooms chat = new LocalRooms(codec, ChatLimits.DEFAULT.withHistory(5, 12));
        Talker ann = new Talker(chat, "a", Integer.MAX_VALUE);
        ann.rename("ann");
        ann.join("lobby");
        for (int i = 0; i < 10; i++) {
            ann.say(text("m" + i), null);
        }
        Talker bo = new Talker(chat, "b", Integer.MAX_VALUE);
        bo.join("lobby");
        assertEquals(
                List.of(
                        "joined lobby, members: ann, guest-1",
                        "[lobby] (history) <ann> m7",
                        "[lobby] (history) <ann> m8",
                        "[lobby] (history) <ann> m9"),
                bo.lines());
    }

    @Test
    void aResumeAfterMessagesTheRoomNoLongerKeepsSaysHowManyItMissed() {
        LocalRooms chat = new LocalRooms(codec, ChatLimits.DEFAULT.withHistory(0, 12));
        Talker ann = new Talker(chat, "a", Integer.MAX_VALUE);
        ann.rename("ann");
        ann.join("lobby");
        for (int i = 0; i < 10; i++) {
            ann.say(text("m" + i), null); // seq 1 to 10
        }
        Talker bo = new Talker(chat, "b", Integer.MAX_VALUE);
        bo.join(Join.since("lobby", 2));
        assertEquals(
                List.of(
                        "joined lobby, members: ann, guest-1",
                        "* 5 messages of lobby after seq 2 could not be replayed",
                        "[lobby] (history) <ann> m7",
                        "[lobby] (history) <ann> m8",
                        "[lobby] (history) <ann> m9"),
                bo.lines());
        Talker cy = new Talker(chat, "c", Integer.MAX_VALUE);
        cy.join(Join.since("lobby", 9)); // m9 is seq 10; all it missed is kept: no notice
        assertEquals(List.of("joined lobby, members: ann, guest-1, guest-2", "[lobby] (history) <ann> m9"), cy.lines());
    }

    @Test
    void aRoomThatEmptiedNumbersOnSoThatAResumeStillCountsWhatItMissed() {
        LocalRooms chat = new LocalRooms(codec, ChatLimits.DEFAULT.withHistory(0, 1 << 10));
        Talker ann = new Talker(chat, "a", Integer.MAX_VALUE);
        ann.rename("ann");
        ann.join("lobby");
        ann.say(text("m1"), null); // seq 1
        ann.say(text("m2"), null); // seq 2
        ann.leave(); // the room empties: its messages go, its numbering stays
        ann.join("lobby");
        ann.say(text("m3"), null);
        Talker bo = new Talker(chat, "b", Integer.MAX_VALUE);
        bo.join(Join.since("lobby", 1));
        assertEquals(
                List.of(
                        "joined lobby, members: ann, guest-1",
                        "* 1 message of lobby after seq 1 could not be replayed",
                        "[lobby] (history) <ann> m3"),
                bo.lines());
        Talker cy = new Talker(chat, "c", Integer.MAX_VALUE);
        cy.join(Join.since("lobby", 99)); // beyond the room's last seq: all that is kept, gap unknown
        assertEquals(
                List.of(
                        "joined lobby, members: ann, guest-1, guest-2",
                        "* some messages of lobby after seq 99 could not be replayed",
                        "[lobby] (history) <ann> m3"),
                cy.lines());
    }
}

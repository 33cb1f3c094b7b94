package dev.eco.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.protocol.Codec;
import dev.eco.protocol.RawJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRoomsTest {

    private final Codec codec = new Codec();
    private final LocalRooms chat = new LocalRooms(codec, ChatLimits.DEFAULT);

    private RawJson text(String text) {
        return new RawJson(codec.quote(text));
    }

    @Test
    void nicknamesFollowTheRulesAndAreUniqueWithoutRegardToCase() {
        Talker a = new Talker(chat, "a", Integer.MAX_VALUE);
        Talker b = new Talker(chat, "b", Integer.MAX_VALUE);
        Talker alice = a;
        Talker other = b;

        alice.rename("Alice");
        assertEquals("nick Alice", a.last());
        other.rename("aLiCe");
        assertEquals("error: nick_taken: the name aLiCe is taken", b.last());
        other.rename("not ok!");
        assertEquals("error: bad_name: a nickname must be 1 to 32 letters, digits, '_', '-' or '.'", b.last());
        other.rename("x".repeat(33));
        assertTrue(b.last().startsWith("error: bad_name: "));
        other.rename("x".repeat(32));
        assertEquals("nick " + "x".repeat(32), b.last());

        alice.rename("ALICE"); // a change of case only is one's own name
        assertEquals("nick ALICE", a.last());
        alice.rename("carol");
        other.rename("alice"); // the old name is free again
        assertEquals("nick alice", b.last());
    }

    @Test
    void joinListsMembersAndTellsTheOthers() {
        Talker a = new Talker(chat, "a", Integer.MAX_VALUE);
        Talker b = new Talker(chat, "b", Integer.MAX_VALUE);
        Talker alice = a;
        Talker bob = b;
        alice.rename("alice");
        alice.join("lobby");
        assertEquals("joined lobby, members: alice", a.last());

        bob.join("LOBBY");
        assertEquals("joined lobby, members: alice, guest-1", b.last());
        assertEquals("* guest-1 joined lobby", a.last());

        bob.rename("bob");
        assertEquals("nick bob", b.last());
        assertEquals("* guest-1 is now known as bob", a.last());

        bob.who();
        assertEquals("members of lobby: alice, bob", b.last());
        bob.list();
        assertEquals("rooms: lobby (2)", b.last());

        bob.leave();
        assertEquals("left lobby", b.last());
        assertEquals("* bob left lobby", a.last());
        bob.leave();
        assertEquals("error: not_in_room: you are in no room: /join ROOM first", b.last());
        bob.who();
        assertEquals("error: not_in_room: you are in no room: /join ROOM first", b.last());
    }

    @Test
    void joiningAnotherRoomLeavesTheFirst() {
        Talker a = new Talker(chat, "a", Integer.MAX_VALUE);
        Talker b = new Talker(chat, "b", Integer.MAX_VALUE);
        Talker alice = a;
        Talker bob = b;
        alice.join("one");
        bob.join("one");
        b.clear();
        bob.join("two");
        assertEquals(List.of("left one", "joined two, members: guest-2"), b.lines());
        assertEquals("* guest-2 left one", a.last());
        alice.list();
        assertEquals("rooms: one (1), two (1)", a.last());
    }

    @Test
    void messagesGoToEveryMemberWithTheSendersIdOnlyOnItsOwnCopy() {
        Talker a = new Talker(chat, "a", Integer.MAX_VALUE);
        Talker b = new Talker(chat, "b", Integer.MAX_VALUE);
        Talker alice = a;
        Talker bob = b;
        alice.rename("alice");
        alice.join("r");
        bob.join("r");
        bob.noteStyle(dev.eco.protocol.Style.JSON);

        alice.say(text("hi"), new RawJson("7"));
        assertEquals("[r] <alice> hi", a.last());
        assertEquals("{\"type\":\"message\",\"room\":\"r\",\"from\":\"alice\",\"body\":\"hi\",\"seq\":1}", b.last());

        alice.noteStyle(dev.eco.protocol.Style.JSON);
        alice.say(new RawJson("{\"n\": [1, 2]}"), new RawJson("\"x\""));
        assertEquals(
                "{\"type\":\"message\",\"room\":\"r\",\"from\":\"alice\",\"body\":{\"n\": [1, 2]},\"id\":\"x\",\"seq\":2}",
                a.last());
        assertEquals(
                "{\"type\":\"message\",\"room\":\"r\",\"from\":\"alice\",\"body\":{\"n\": [1, 2]},\"seq\":2}",
                b.last());
    }

    @Test
    void roomsAreGoneWhenEmptyAndNamesFreeWhenDisconnected() {
        Talker a = new Talker(chat, "a", Integer.MAX_VALUE);
        Talker alice = a;
        alice.rename("alice");
        alice.join("r");
        alice.disconnected();
        assertEquals(0, chat.roomCount());
        assertEquals(0, chat.nickCount());
    }

    @Test
    void aMemberWhoseOwnReplyDoesNotFitIsASlowConsumerToo() {
        Talker full = new Talker(chat, "full", 1);
        Talker peer = full;
        peer.rename("one");
        peer.rename("two"); // its queue holds one frame: this reply does not fit
        assertTrue(
                full.dropNotice().startsWith("error: slow_consumer: you did not read fast enough"), full.dropNotice());
        assertEquals(1, full.drops());
    }

    @Test
    void racingFirstJoinsCannotCreateMoreRoomsThanTheLimit() throws Exception {
        LocalRooms limited = new LocalRooms(codec, ChatLimits.DEFAULT.withRooms(3, 10));
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Talker joiner = new Talker(limited, "j" + i, Integer.MAX_VALUE);
            String room = "room" + i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                joiner.join(room);
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(3, limited.roomCount());
    }

    @Test
    void roomLimitsAreAnsweredWithErrors() {
        LocalRooms small = new LocalRooms(codec, ChatLimits.DEFAULT.withRooms(1, 2));
        Talker a = new Talker(small, "a", Integer.MAX_VALUE);
        Talker b = new Talker(small, "b", Integer.MAX_VALUE);
        Talker c = new Talker(small, "c", Integer.MAX_VALUE);
        Talker pa = a;
        Talker pb = b;
        Talker pc = c;
        pa.join("r");
        pb.join("other");
        assertEquals("error: too_many_rooms: the server has its maximum of 1 rooms", b.last());
        pb.join("r");
        pc.join("r");
        assertEquals("error: room_full: room r has its maximum of 2 members", c.last());
        assertNull(pc.room());
    }

    @Test
    void aMemberWhoseQueueOverflowsIsDroppedAndTheOthersMissNothing() {
        Talker fast = new Talker(chat, "fast", Integer.MAX_VALUE);
        Talker slow = new Talker(chat, "slow", 5);
        Talker reader = fast;
        Talker sleeper = slow;
        reader.rename("reader");
        sleeper.rename("sleeper");
        reader.join("r");
        sleeper.join("r");
        fast.clear();
        for (int i = 1; i <= 20; i++) {
            reader.say(text("m" + i), null);
        }
        assertEquals(
                "error: slow_consumer: you did not read fast enough: more than 1000 frames or 1048576 bytes"
                        + " were waiting for you; disconnecting",
                slow.dropNotice());
        assertNull(sleeper.room());
        List<String> seen = fast.lines();
        assertEquals(21, seen.size(), seen.toString());
        assertEquals(
                "* sleeper left r",
                seen.get(4)); // "nick" and "joined" plus three messages filled its five places: the fourth did not fit
        assertEquals(
                List.of(
                        "[r] <reader> m1",
                        "[r] <reader> m2",
                        "[r] <reader> m3",
                        "[r] <reader> m4",
                        "* sleeper left r",
                        "[r] <reader> m5"),
                seen.subList(0, 6));
        assertEquals(1, slow.drops());
    }
}

package dev.eco.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.protocol.Codec;
import dev.eco.protocol.RawJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatTest {

    private final Codec codec = new Codec();
    private final Chat chat = new Chat(codec, ChatLimits.DEFAULT);

    private static Peer peer(RecordingOutlet outlet, String name) {
        return new Peer(outlet, name);
    }

    private RawJson text(String text) {
        return new RawJson(codec.quote(text));
    }

    @Test
    void nicknamesFollowTheRulesAndAreUniqueWithoutRegardToCase() {
        RecordingOutlet a = new RecordingOutlet();
        RecordingOutlet b = new RecordingOutlet();
        Peer alice = peer(a, "a");
        Peer other = peer(b, "b");

        chat.rename(alice, "Alice");
        assertEquals("nick Alice", a.last());
        chat.rename(other, "aLiCe");
        assertEquals("error: nick_taken: the name aLiCe is taken", b.last());
        chat.rename(other, "not ok!");
        assertEquals("error: bad_name: a nickname must be 1 to 32 letters, digits, '_', '-' or '.'", b.last());
        chat.rename(other, "x".repeat(33));
        assertTrue(b.last().startsWith("error: bad_name: "));
        chat.rename(other, "x".repeat(32));
        assertEquals("nick " + "x".repeat(32), b.last());

        chat.rename(alice, "ALICE"); // a change of case only is one's own name
        assertEquals("nick ALICE", a.last());
        chat.rename(alice, "carol");
        chat.rename(other, "alice"); // the old name is free again
        assertEquals("nick alice", b.last());
    }

    @Test
    void joinListsMembersAndTellsTheOthers() {
        RecordingOutlet a = new RecordingOutlet();
        RecordingOutlet b = new RecordingOutlet();
        Peer alice = peer(a, "a");
        Peer bob = peer(b, "b");
        chat.rename(alice, "alice");
        chat.join(alice, "lobby");
        assertEquals("joined lobby, members: alice", a.last());

        chat.join(bob, "LOBBY");
        assertEquals("joined lobby, members: alice, guest-1", b.last());
        assertEquals("* guest-1 joined lobby", a.last());

        chat.rename(bob, "bob");
        assertEquals("nick bob", b.last());
        assertEquals("* guest-1 is now known as bob", a.last());

        chat.who(bob);
        assertEquals("members of lobby: alice, bob", b.last());
        chat.list(bob);
        assertEquals("rooms: lobby (2)", b.last());

        chat.leave(bob);
        assertEquals("left lobby", b.last());
        assertEquals("* bob left lobby", a.last());
        chat.leave(bob);
        assertEquals("error: not_in_room: you are in no room: /join ROOM first", b.last());
        chat.who(bob);
        assertEquals("error: not_in_room: you are in no room: /join ROOM first", b.last());
    }

    @Test
    void joiningAnotherRoomLeavesTheFirst() {
        RecordingOutlet a = new RecordingOutlet();
        RecordingOutlet b = new RecordingOutlet();
        Peer alice = peer(a, "a");
        Peer bob = peer(b, "b");
        chat.join(alice, "one");
        chat.join(bob, "one");
        b.clear();
        chat.join(bob, "two");
        assertEquals(List.of("left one", "joined two, members: guest-2"), b.lines());
        assertEquals("* guest-2 left one", a.last());
        chat.list(alice);
        assertEquals("rooms: one (1), two (1)", a.last());
    }

    @Test
    void messagesGoToEveryMemberWithTheSendersIdOnlyOnItsOwnCopy() {
        RecordingOutlet a = new RecordingOutlet();
        RecordingOutlet b = new RecordingOutlet();
        Peer alice = peer(a, "a");
        Peer bob = peer(b, "b");
        chat.rename(alice, "alice");
        chat.join(alice, "r");
        chat.join(bob, "r");
        bob.noteStyle(dev.eco.protocol.Style.JSON);

        chat.say(alice, text("hi"), new RawJson("7"));
        assertEquals("[r] <alice> hi", a.last());
        assertEquals("{\"type\":\"message\",\"room\":\"r\",\"from\":\"alice\",\"body\":\"hi\",\"seq\":1}", b.last());

        alice.noteStyle(dev.eco.protocol.Style.JSON);
        chat.say(alice, new RawJson("{\"n\": [1, 2]}"), new RawJson("\"x\""));
        assertEquals("{\"type\":\"message\",\"room\":\"r\",\"from\":\"alice\",\"body\":{\"n\": [1, 2]},\"id\":\"x\",\"seq\":2}",
                a.last());
        assertEquals("{\"type\":\"message\",\"room\":\"r\",\"from\":\"alice\",\"body\":{\"n\": [1, 2]},\"seq\":2}", b.last());
    }

    @Test
    void roomsAreGoneWhenEmptyAndNamesFreeWhenDisconnected() {
        RecordingOutlet a = new RecordingOutlet();
        Peer alice = peer(a, "a");
        chat.rename(alice, "alice");
        chat.join(alice, "r");
        chat.disconnected(alice);
        assertEquals(0, chat.roomCount());
        assertEquals(0, chat.nickCount());
    }

    @Test
    void aMemberWhoseOwnReplyDoesNotFitIsASlowConsumerToo() {
        RecordingOutlet full = new RecordingOutlet(1);
        Peer peer = peer(full, "p");
        chat.rename(peer, "one");
        chat.rename(peer, "two"); // its queue holds one frame: this reply does not fit
        assertTrue(full.dropNotice().startsWith("error: slow_consumer: you did not read fast enough"), full.dropNotice());
        assertEquals(1, chat.slowConsumers());
    }

    @Test
    void racingFirstJoinsCannotCreateMoreRoomsThanTheLimit() throws Exception {
        Chat limited = new Chat(codec, ChatLimits.DEFAULT.withRooms(3, 10));
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Peer joiner = peer(new RecordingOutlet(), "j" + i);
            String room = "room" + i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                limited.join(joiner, room);
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
        Chat small = new Chat(codec, ChatLimits.DEFAULT.withRooms(1, 2));
        RecordingOutlet a = new RecordingOutlet();
        RecordingOutlet b = new RecordingOutlet();
        RecordingOutlet c = new RecordingOutlet();
        Peer pa = peer(a, "a");
        Peer pb = peer(b, "b");
        Peer pc = peer(c, "c");
        small.join(pa, "r");
        small.join(pb, "other");
        assertEquals("error: too_many_rooms: the server has its maximum of 1 rooms", b.last());
        small.join(pb, "r");
        small.join(pc, "r");
        assertEquals("error: room_full: room r has its maximum of 2 members", c.last());
        assertNull(pc.room());
    }

    @Test
    void aMemberWhoseQueueOverflowsIsDroppedAndTheOthersMissNothing() {
        RecordingOutlet fast = new RecordingOutlet();
        RecordingOutlet slow = new RecordingOutlet(5);
        Peer reader = peer(fast, "fast");
        Peer sleeper = peer(slow, "slow");
        chat.rename(reader, "reader");
        chat.rename(sleeper, "sleeper");
        chat.join(reader, "r");
        chat.join(sleeper, "r");
        fast.clear();
        for (int i = 1; i <= 20; i++) {
            chat.say(reader, text("m" + i), null);
        }
        assertEquals("error: slow_consumer: you did not read fast enough: more than 1000 frames or 1048576 bytes"
                + " were waiting for you; disconnecting", slow.dropNotice());
        assertNull(sleeper.room());
        List<String> seen = fast.lines();
        assertEquals(21, seen.size(), seen.toString());
        assertEquals("* sleeper left r", seen.get(4)); // "nick" and "joined" plus three messages filled its five places: the fourth did not fit
        assertEquals(List.of("[r] <reader> m1", "[r] <reader> m2", "[r] <reader> m3", "[r] <reader> m4",
                "* sleeper left r", "[r] <reader> m5"), seen.subList(0, 6));
        assertEquals(1, chat.slowConsumers());
    }
}

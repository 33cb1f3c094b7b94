package dev.eco.server;

import dev.eco.protocol.Codec;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Joined;
import dev.eco.protocol.Message.Left;
import dev.eco.protocol.Message.Members;
import dev.eco.protocol.Message.NickChanged;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.Message.Presence;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Message.RoomCount;
import dev.eco.protocol.Message.RoomList;
import dev.eco.protocol.RawJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.tinylog.Logger;

/**
 * Nicknames and rooms for the whole server.
 *
 * <p>Locking, the one rule that keeps every member's view of a room identical: a peer's room membership, its
 * nick while in a room, and everything queued to a room's members change only while holding that room's
 * monitor. Queuing never blocks (a full queue makes its owner a slow consumer, removed from the room), so no
 * sender ever waits on a receiver. The room registry is only touched outside a room's monitor, except to
 * remove a room that just closed.
 */
final class Chat {

    private final Codec codec;
    private final ChatLimits limits;
    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Peer> nicks = new ConcurrentHashMap<>();
    private final Semaphore roomPermits;
    private final AtomicLong guests = new AtomicLong();
    private final LongAdder slowConsumers = new LongAdder();

    Chat(Codec codec, ChatLimits limits) {
        this.codec = codec;
        this.limits = limits;
        this.roomPermits = new Semaphore(limits.maxRooms());
    }

    ChatLimits limits() {
        return limits;
    }

    void rename(Peer peer, String name) {
        if (!Names.isValid(name)) {
            reply(peer, error(ErrorCode.BAD_NAME, Names.rule("a nickname")));
            return;
        }
        String old = peer.nick();
        boolean sameName = old != null && Names.key(old).equals(Names.key(name));
        if (!sameName && nicks.putIfAbsent(Names.key(name), peer) != null) {
            reply(peer, error(ErrorCode.NICK_TAKEN, "the name " + name + " is taken"));
            return;
        }
        Room room = peer.room();
        if (room == null) {
            peer.nick(name);
            reply(peer, new NickChanged(name));
        } else {
            synchronized (room) {
                peer.nick(name);
                reply(peer, new NickChanged(name));
                if (peer.room() == room && old != null && !old.equals(name)) {
                    fanOut(room, new Presence(room.name(), name, Presence.Event.NICK, old), peer);
                }
            }
        }
        if (old != null && !sameName) {
            nicks.remove(Names.key(old), peer);
        }
    }

    void join(Peer peer, String name) {
        if (!Names.isValid(name)) {
            reply(peer, error(ErrorCode.BAD_NAME, Names.rule("a room name")));
            return;
        }
        ensureNick(peer);
        peer.openOutbox(); // from here on other members' threads may queue to it
        Room current = peer.room();
        if (current != null) {
            if (Names.key(current.name()).equals(Names.key(name))) {
                synchronized (current) {
                    reply(peer, new Joined(current.name(), current.nicks()));
                }
                return;
            }
            leave(peer, current);
            reply(peer, new Left(current.name())); // said even if joining the new room fails below
        }
        while (true) {
            // A new room takes one of maxRooms permits, given back when it is removed: no race can exceed it.
            Room room = rooms.computeIfAbsent(Names.key(name), key -> roomPermits.tryAcquire() ? new Room(name) : null);
            if (room == null) {
                reply(peer, error(ErrorCode.TOO_MANY_ROOMS, "the server has its maximum of " + limits.maxRooms() + " rooms"));
                return;
            }
            synchronized (room) {
                if (room.isClosed()) {
                    continue; // emptied and being removed as we looked it up: look again
                }
                if (room.members().size() >= limits.maxRoomMembers()) {
                    reply(peer, error(ErrorCode.ROOM_FULL,
                            "room " + room.name() + " has its maximum of " + limits.maxRoomMembers() + " members"));
                    return;
                }
                room.add(peer);
                peer.room(room);
                reply(peer, new Joined(room.name(), room.nicks()));
                fanOut(room, new Presence(room.name(), peer.nick(), Presence.Event.JOIN, null), peer);
                return;
            }
        }
    }

    /** {@code leave}: back to plain echo. */
    void leave(Peer peer) {
        Room room = peer.room();
        if (room == null) {
            reply(peer, notInRoom());
            return;
        }
        leave(peer, room);
        reply(peer, new Left(room.name()));
    }

    void who(Peer peer) {
        Room room = peer.room();
        if (room == null) {
            reply(peer, notInRoom());
            return;
        }
        synchronized (room) {
            reply(peer, new Members(room.name(), room.nicks()));
        }
    }

    void list(Peer peer) {
        List<RoomCount> counts = new ArrayList<>();
        for (Room room : rooms.values()) {
            synchronized (room) {
                if (!room.isClosed()) {
                    counts.add(new RoomCount(room.name(), room.members().size()));
                }
            }
        }
        counts.sort(Comparator.comparing(RoomCount::room, String.CASE_INSENSITIVE_ORDER));
        reply(peer, new RoomList(counts));
    }

    /** A message to the peer's room, the peer included; its own copy carries its {@code id}. */
    void say(Peer peer, RawJson body, RawJson id) {
        Room room = peer.room();
        if (room == null) {
            reply(peer, notInRoom());
            return;
        }
        synchronized (room) {
            if (peer.room() != room) {
                return; // removed as a slow consumer meanwhile; it is being disconnected
            }
            long seq = room.nextSeq();
            Broadcast forAll = new Broadcast(new Posted(room.name(), peer.nick(), body, null, seq), codec);
            Broadcast forSender = id == null ? forAll
                    : new Broadcast(new Posted(room.name(), peer.nick(), body, id, seq), codec);
            fanOut(room, forAll, peer, forSender);
        }
    }

    /** The connection ended: it leaves its room (members are told) and frees its name. */
    void disconnected(Peer peer) {
        Room room = peer.room();
        if (room != null) {
            leave(peer, room);
        }
        String nick = peer.nick();
        if (nick != null) {
            nicks.remove(Names.key(nick), peer);
        }
    }

    long slowConsumers() {
        return slowConsumers.sum();
    }

    int roomCount() {
        return rooms.size();
    }

    int nickCount() {
        return nicks.size();
    }

    private void ensureNick(Peer peer) {
        while (peer.nick() == null) {
            String guest = "guest-" + guests.incrementAndGet();
            if (nicks.putIfAbsent(Names.key(guest), peer) == null) {
                peer.nick(guest);
            }
        }
    }

    private void leave(Peer peer, Room room) {
        synchronized (room) {
            if (peer.room() != room) {
                return;
            }
            room.remove(peer);
            peer.room(null);
            if (!room.isClosed()) {
                fanOut(room, new Presence(room.name(), peer.nick(), Presence.Event.LEAVE, null), null);
            }
        }
        forgetIfClosed(room);
    }

    /** Queues a notice to every member but {@code except}; called holding the room's monitor. */
    private void fanOut(Room room, Reply notice, Peer except) {
        fanOut(room, new Broadcast(notice, codec), except, null);
    }

    /**
     * Queues {@code forAll} to every member, except that {@code sender} gets {@code forSender} (nothing when
     * null); members whose queue is full are dropped. Called holding the room's monitor.
     */
    private void fanOut(Room room, Broadcast forAll, Peer sender, Broadcast forSender) {
        List<Peer> slow = null;
        for (Peer member : room.members()) {
            Broadcast broadcast = member == sender ? forSender : forAll;
            if (broadcast != null && !member.deliver(broadcast)) {
                slow = add(slow, member);
            }
        }
        dropSlow(room, slow);
    }

    /** Removes members whose queue overflowed, tells the rest they left; called holding the room's monitor. */
    private void dropSlow(Room room, List<Peer> slow) {
        if (slow == null) {
            return;
        }
        for (Peer member : slow) {
            room.remove(member);
            member.room(null);
            drop(member, room);
        }
        for (Peer member : slow) {
            if (!room.isClosed()) {
                fanOut(room, new Presence(room.name(), member.nick(), Presence.Event.LEAVE, null), null);
            }
        }
        forgetIfClosed(room);
    }

    /** Counts, logs and disconnects a slow consumer, with a last notice (best effort). */
    private void drop(Peer peer, Room room) {
        slowConsumers.increment();
        Logger.info("{} is a slow consumer{}: disconnecting", peer, room == null ? "" : " in room " + room.name());
        peer.dropSlow(new Broadcast(error(ErrorCode.SLOW_CONSUMER,
                "you did not read fast enough: more than " + limits.maxPendingFrames() + " frames or "
                        + limits.maxPendingBytes() + " bytes were waiting for you; disconnecting"), codec));
    }

    private void forgetIfClosed(Room room) {
        if (room.isClosed() && rooms.remove(Names.key(room.name()), room)) {
            roomPermits.release();
        }
    }

    /** A reply to the peer itself; if even that does not fit its queue, it is a slow consumer. */
    private void reply(Peer peer, Reply reply) {
        if (!peer.deliver(new Broadcast(reply, codec))) {
            overflowed(peer);
        }
    }

    /** The peer's queue is full (its own replies did not fit): drop it as a slow consumer. */
    void overflowed(Peer peer) {
        Room room = peer.room();
        if (room != null) {
            synchronized (room) {
                if (peer.room() == room) {
                    dropSlow(room, List.of(peer));
                    return;
                }
            }
        }
        drop(peer, null);
    }

    private static ErrorReply notInRoom() {
        return error(ErrorCode.NOT_IN_ROOM, "you are in no room: /join ROOM first");
    }

    private static ErrorReply error(ErrorCode code, String sentence) {
        return new ErrorReply(code, sentence);
    }

    private static List<Peer> add(List<Peer> list, Peer peer) {
        List<Peer> result = list == null ? new ArrayList<>() : list;
        result.add(peer);
        return result;
    }
}

package dev.eco.chat;

import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.RawJson;
import dev.eco.protocol.Style;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A member for tests: keeps what it is delivered as lines, with an optional bound to play a slow consumer,
 * and holds its membership the way a session does.
 */
final class Talker implements Member {

    private final LocalRooms rooms;
    private final String name;
    private final int capacity;
    private final List<String> lines = new ArrayList<>();
    private final AtomicInteger drops = new AtomicInteger();
    private volatile Style style = Style.TEXT;
    private String dropNotice;
    private Optional<Membership> membership = Optional.empty();

    Talker(LocalRooms rooms, String name, int capacity) {
        this.rooms = rooms;
        this.name = name;
        this.capacity = capacity;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized boolean deliver(Broadcast message) {
        if (dropNotice != null || lines.size() >= capacity) {
            return false;
        }
        lines.add(new String(message.bytes(style), StandardCharsets.UTF_8).stripTrailing());
        return true;
    }

    @Override
    public synchronized void dropSlow(Broadcast notice) {
        drops.incrementAndGet();
        if (dropNotice == null) {
            dropNotice = new String(notice.bytes(style), StandardCharsets.UTF_8).stripTrailing();
        }
    }

    void noteStyle(Style value) {
        style = value;
    }

    void rename(String nick) {
        rooms.rename(this, nick);
    }

    void join(String room) {
        join(new Join(room));
    }

    void join(Join join) {
        membership = rooms.join(this, join);
    }

    void leave() {
        membership.ifPresentOrElse(Membership::leave, this::notInRoom);
        membership = Optional.empty();
    }

    void who() {
        membership.ifPresentOrElse(Membership::who, this::notInRoom);
    }

    void say(RawJson body, RawJson id) {
        membership.ifPresentOrElse(m -> m.say(body, id), this::notInRoom);
    }

    void list() {
        rooms.list(this);
    }

    void disconnected() {
        rooms.disconnected(this);
    }

    /** The room the rooms have this member in, or null. */
    String room() {
        return rooms.roomOf(this);
    }

    /** As the dispatcher answers a room request outside a room. */
    private synchronized void notInRoom() {
        lines.add("error: " + ErrorCode.NOT_IN_ROOM.wireName() + ": you are in no room: /join ROOM first");
    }

    int drops() {
        return drops.get();
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized String last() {
        return lines.isEmpty() ? null : lines.getLast();
    }

    synchronized void clear() {
        lines.clear();
    }

    synchronized String dropNotice() {
        return dropNotice;
    }
}

package dev.eco.it.cluster;

import dev.eco.nats.MemberRef;
import dev.eco.nats.NatsNode;
import dev.eco.nats.NatsUnavailableException;
import dev.eco.nats.RoomEvent;
import dev.eco.nats.RoomLog;
import dev.eco.nats.RoomSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A room member driven straight through the NATS layer, doing what the NATS rooms implementation will do for a
 * connection: claim a name, subscribe (pending), append the join, record the membership, read history, go live.
 * It records every event it is handed, in order.
 */
final class TestMember implements RoomSubscription.EventHandler {

    final NatsNode node;
    final MemberRef ref;
    final String nick;
    final String room;
    final long joinSeq;
    final List<RoomEvent.Said> history;
    private final List<RoomEvent> events = new ArrayList<>();
    private final AtomicLong said = new AtomicLong();
    private final RoomSubscription subscription;

    private TestMember(NatsNode node, String nick, String room, int history) throws NatsUnavailableException {
        this.node = node;
        this.ref = node.newMember();
        this.nick = nick;
        this.room = room;
        if (!node.registry().claimNick(nick, ref)) {
            throw new IllegalStateException(nick + " is taken");
        }
        subscription = node.feed().subscribe(room, this);
        joinSeq = node.log().append(new RoomEvent.Entered(room, 0, nick, ref.key()), "join-" + ref.key());
        node.registry().enter(room, ref, nick, joinSeq);
        this.history = node.log().replay(room, joinSeq, OptionalLong.empty(), history).messages().stream()
                .map(p -> new RoomEvent.Said(room, p.seq(), p.from(), p.body().json(), null, null))
                .toList();
        subscription.startAfter(joinSeq);
    }

    static TestMember join(NatsNode node, String nick, String room) throws NatsUnavailableException {
        return new TestMember(node, nick, room, 0);
    }

    static TestMember join(NatsNode node, String nick, String room, int history) throws NatsUnavailableException {
        return new TestMember(node, nick, room, history);
    }

    /** Says {@code text} (a JSON string body); returns its stream sequence. */
    long say(String text) throws NatsUnavailableException {
        return node.log()
                .append(
                        new RoomEvent.Said(room, 0, nick, "\"" + text + "\"", ref.key(), null),
                        ref.key() + "-" + said.incrementAndGet());
    }

    void leave() throws NatsUnavailableException {
        subscription.close();
        node.log().append(new RoomEvent.Exited(room, 0, nick, ref.key()), RoomLog.exitId(ref.key(), joinSeq));
        node.registry().exit(room, ref);
        node.registry().releaseNick(nick, ref);
    }

    @Override
    public synchronized void event(RoomEvent event) {
        events.add(event);
    }

    @Override
    public void overflowed() {
        throw new AssertionError(nick + " overflowed");
    }

    synchronized List<RoomEvent> events() {
        return List.copyOf(events);
    }

    /** The messages received, as {@code seq from body}. */
    synchronized List<String> messages() {
        return events.stream()
                .filter(e -> e instanceof RoomEvent.Said)
                .map(e -> (RoomEvent.Said) e)
                .map(s -> s.seq() + " " + s.from() + " " + s.body())
                .toList();
    }

    synchronized long count(Class<? extends RoomEvent> kind, String who) {
        return events.stream()
                .filter(kind::isInstance)
                .filter(e -> switch (e) {
                    case RoomEvent.Said s -> s.from().equals(who);
                    case RoomEvent.Entered en -> en.nick().equals(who);
                    case RoomEvent.Exited ex -> ex.nick().equals(who);
                    case RoomEvent.Renamed r -> r.nick().equals(who);
                })
                .count();
    }
}

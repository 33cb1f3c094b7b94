package dev.eco.server;

import dev.eco.protocol.ErrorCode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every count as a line, e.g. {@code opened TCP}, {@code read TCP 6 1}; thread-safe. */
class RecordingMetrics implements ServerMetrics {

    private final List<String> events = new CopyOnWriteArrayList<>();

    List<String> events() {
        return List.copyOf(events);
    }

    long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }

    @Override
    public void connectionOpened(ListenerKind listener) {
        events.add("opened " + listener);
    }

    @Override
    public void connectionClosed(ListenerKind listener, Close reason) {
        events.add("closed " + listener + " " + reason);
    }

    @Override
    public void connectionRefused(ListenerKind listener, Refusal why) {
        events.add("refused " + listener + " " + why);
    }

    @Override
    public void read(ListenerKind listener, int bytes, int frames) {
        events.add("read " + listener + " " + bytes + " " + frames);
    }

    @Override
    public void wrote(ListenerKind listener, int bytes, int frames, long nanosSinceRead) {
        events.add("wrote " + listener + " " + bytes + " " + frames + (nanosSinceRead >= 0 ? " answer" : " unasked"));
    }

    @Override
    public void errorReply(ListenerKind listener, ErrorCode code) {
        events.add("error " + listener + " " + code);
    }

    @Override
    public void rateLimited() {
        events.add("rate limited");
    }

    @Override
    public void slowConsumer() {
        events.add("slow consumer");
    }

    @Override
    public void udpAnswered(int bytesIn, int bytesOut) {
        events.add("udp answered " + bytesIn + " " + bytesOut);
    }

    @Override
    public void udpDropped(UdpDrop reason, int bytesIn) {
        events.add("udp dropped " + reason + " " + bytesIn);
    }

    @Override
    public void loopEnded(ServerLoop loop) {
        events.add("loop ended " + loop);
    }
}

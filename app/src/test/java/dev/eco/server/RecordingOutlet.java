package dev.eco.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An {@link Outlet} that keeps what it is given as lines, with an optional bound to play a slow consumer. */
final class RecordingOutlet implements Outlet {

    private final int capacity;
    private final List<String> lines = new ArrayList<>();
    private String dropNotice;

    RecordingOutlet(int capacity) {
        this.capacity = capacity;
    }

    RecordingOutlet() {
        this(Integer.MAX_VALUE);
    }

    @Override
    public void openOutbox() {}

    @Override
    public synchronized boolean offer(byte[] bytes) {
        if (dropNotice != null || lines.size() >= capacity) {
            return false;
        }
        lines.add(new String(bytes, StandardCharsets.UTF_8).stripTrailing());
        return true;
    }

    @Override
    public synchronized void dropSlow(byte[] notice) {
        if (dropNotice == null) {
            dropNotice = new String(notice, StandardCharsets.UTF_8).stripTrailing();
        }
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

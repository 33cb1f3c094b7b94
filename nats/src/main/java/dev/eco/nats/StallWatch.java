package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import org.tinylog.Logger;

/**
 * Notices a {@link LogReader} that no longer receives although the room stream goes on, whatever the cause (a
 * consumer lost without an alarm, a jnats call that hangs): every {@link #EVERY} it reads the stream's last
 * sequence, and when the stream already had records a whole period ago that the reader still has not handed
 * over, it asks the reader for a new consumer. One small request a period; a reader that is only slow moves on
 * and is left alone. It compares with the whole stream's last sequence, which is right for a reader of every
 * room (the node's feed); a reader of fewer subjects would compare with theirs.
 */
final class StallWatch implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(1);

    private final NatsLink link;
    private final LogReader reader;
    private final Thread thread;
    private volatile boolean closed;

    StallWatch(NatsLink link, LogReader reader) {
        this.link = link;
        this.reader = reader;
        this.thread = Thread.ofVirtual()
                .name("nats-stall-watch " + link.settings().node())
                .start(this::run);
    }

    private void run() {
        long streamBefore = -1; // the stream's last sequence one period ago; -1 when not known
        while (!closed && !reader.closed()) {
            try {
                Thread.sleep(EVERY);
            } catch (InterruptedException e) {
                return;
            }
            if (!link.available()) {
                streamBefore = -1;
                continue;
            }
            long handed = reader.lastSeq();
            if (streamBefore > handed) {
                Logger.debug(
                        "node {}: the room reader is stuck at {}: replacing it",
                        link.settings().node(),
                        handed);
                reader.replace();
            }
            try {
                streamBefore = link.management()
                        .getStreamInfo(link.settings().streamName())
                        .getStreamState()
                        .getLastSequence();
            } catch (IOException | JetStreamApiException | IllegalStateException e) {
                streamBefore = -1;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}

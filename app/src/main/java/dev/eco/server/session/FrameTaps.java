package dev.eco.server.session;

import dev.eco.protocol.Codec;
import dev.eco.protocol.Inbound;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.Text;
import dev.eco.server.net.Connection;
import dev.eco.server.testing.Answer;
import dev.eco.server.testing.RecordedFrame;
import dev.eco.server.testing.Script;
import dev.eco.server.testing.Taps;
import java.time.Instant;

/**
 * A line connection's frames as the test controls see them: recorded when recording is on, answered by the
 * script when it takes them. Only reached when something is on ({@link Taps.Now#NOTHING} skips it). Reader
 * thread only.
 */
final class FrameTaps {

    private final Connection connection;
    private final Codec codec;

    FrameTaps(Connection connection, Codec codec) {
        this.connection = connection;
        this.codec = codec;
    }

    /**
     * Records the frame if recording is on; returns the script's answer when the script takes it, or null
     * when eco answers it as usual.
     */
    Answer tap(Taps.Now now, byte[] buf, int off, int len, LineEnd end, boolean inRoom) {
        RecordedFrame recorded = record(now, buf, off, len, end);
        Script.Active script = now.script();
        if (script == null || !script.takes(!inRoom && echoed(buf, off, len, end))) {
            return null;
        }
        return script.answer(recorded != null ? recorded : frame(connection, buf, off, len, end));
    }

    /** Records the frame if recording is on (a frame too long, by its first bytes); returns it, or null. */
    RecordedFrame record(Taps.Now now, byte[] buf, int off, int len, LineEnd end) {
        if (now.recording() == null) {
            return null;
        }
        RecordedFrame frame = frame(connection, buf, off, len, end);
        now.recording().add(frame);
        return frame;
    }

    /** Whether eco would echo the frame: text that is no command, not JSON. */
    private boolean echoed(byte[] buf, int off, int len, LineEnd end) {
        if (codec.echoesAsIs(buf, off, len)) {
            return true;
        }
        Inbound inbound = codec.decode(buf, off, len, end);
        return inbound.request() instanceof Text && !inbound.style().isJson();
    }

    static RecordedFrame frame(Connection connection, byte[] buf, int off, int len, LineEnd end) {
        return new RecordedFrame(
                connection.listener(), connection.id(), connection.remote(), Instant.now(), buf, off, len, end);
    }
}

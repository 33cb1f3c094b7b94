package dev.eco.protocol.fuzz;

import dev.eco.protocol.FrameDecoder;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.fuzz.FrameLog.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The framing rules of docs/protocol.md, written the obvious way (the whole stream in memory, one pass, no state
 * across reads), to check the streaming {@link FrameDecoder} against.
 */
final class FrameOracle {

    private FrameOracle() {}

    static List<Event> frames(byte[] stream, int maxFrameBytes) {
        List<Event> out = new ArrayList<>();
        LineEnd last = LineEnd.LF;
        int start = 0;
        for (int i = 0; i < stream.length; i++) {
            if (stream[i] == '\n') {
                boolean cr = i > start && stream[i - 1] == '\r';
                last = cr ? LineEnd.CRLF : LineEnd.LF;
                out.add(event(stream, start, cr ? i - 1 : i, last, maxFrameBytes));
                start = i + 1;
            }
        }
        // End of stream: a non-empty tail is a last frame, ended like the one before it; its CR is its own.
        if (start < stream.length) {
            out.add(event(stream, start, stream.length, last, maxFrameBytes));
        }
        return out;
    }

    private static Event event(byte[] stream, int from, int to, LineEnd end, int maxFrameBytes) {
        if (to - from > maxFrameBytes) {
            return new Event(
                    true, Arrays.copyOfRange(stream, from, from + Math.min(to - from, FrameDecoder.HEAD_BYTES)), end);
        }
        return new Event(false, Arrays.copyOfRange(stream, from, to), end);
    }
}

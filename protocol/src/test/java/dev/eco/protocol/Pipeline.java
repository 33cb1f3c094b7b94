package dev.eco.protocol;

import java.util.ArrayList;
import java.util.List;

/** FrameDecoder then Codec, as a server's reader does it: bytes in, what the client asked for out. */
final class Pipeline {

    private Pipeline() {}

    static List<Inbound> decode(Codec codec, byte[] input, int chunk) {
        FrameDecoder decoder = codec.newFrameDecoder();
        List<Inbound> out = new ArrayList<>();
        FrameDecoder.Sink sink = new FrameDecoder.Sink() {
            @Override
            public void frame(byte[] buf, int off, int len, LineEnd end) {
                out.add(codec.decode(buf, off, len, end));
            }

            @Override
            public void tooLong(byte[] head, int off, int len, LineEnd end) {
                out.add(codec.tooLong(head, off, len, end));
            }
        };
        for (int at = 0; at < input.length; at += chunk) {
            Recorder.feed(decoder, input, at, Math.min(chunk, input.length - at), sink);
        }
        decoder.finish(sink);
        return out;
    }

    static List<Inbound> decode(Codec codec, byte[] input) {
        return decode(codec, input, Math.max(1, input.length));
    }
}

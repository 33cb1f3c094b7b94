package dev.eco.protocol;

import java.util.ArrayList;
import java.util.List;

/** FrameDecoder then Codec, as a server's reader does it: bytes in, what the client asked for out. */
final class Pipeline {

    private Pipeline() {}

    static List<Inbound> decode(Codec codec, byte[] input, int chunk) {
        int[] reads = new int[(input.length + chunk - 1) / chunk];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = Math.min(chunk, input.length - i * chunk);
        }
        return decode(codec, input, reads);
    }

    /** The same, with the input cut into reads of the given lengths (which add up to its length). */
    static List<Inbound> decode(Codec codec, byte[] input, int[] reads) {
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
        int at = 0;
        for (int read : reads) {
            Recorder.feed(decoder, input, at, read, sink);
            at += read;
        }
        decoder.finish(sink);
        return out;
    }

    static List<Inbound> decode(Codec codec, byte[] input) {
        return decode(codec, input, Math.max(1, input.length));
    }
}

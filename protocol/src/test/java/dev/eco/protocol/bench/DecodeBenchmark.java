package dev.eco.protocol.bench;

import dev.eco.protocol.Codec;
import dev.eco.protocol.FrameDecoder;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How many frames per second one core turns from bytes into requests, as a server's reader does it: a stream of
 * {@value #FRAMES} frames arrives in 16 KiB reads (JSON frames straddle reads), each read goes through
 * {@link FrameDecoder} and every frame through {@link Codec#decode}. One operation is one frame.
 *
 * <p>The score is frames per second of wall time. On a shared machine that also counts time the thread spent
 * waiting for a core, so each benchmark also counts the CPU time of the benchmark thread (GC and JIT threads not
 * included): {@code frames / cpuNanos * 1e9} is frames per CPU-second, which other work on the machine disturbs
 * much less.
 *
 * <p>Run: {@code ./mvnw -q -pl protocol test-compile exec:exec@decode-bench} (add {@code clean} after changing this
 * class: JMH's generated classes are not rebuilt incrementally).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Thread)
public class DecodeBenchmark {

    static final int FRAMES = 2048;
    static final int READ_BYTES = 16 * 1024;

    private final Codec codec = new Codec();
    private byte[] textStream;
    private byte[] jsonStream;
    private FrameDecoder decoder;
    private CodecSink codecSink;
    private CountingSink countingSink;

    @Setup
    public void setup() {
        textStream = stream(64, i -> "line " + i + ": %s");
        jsonStream = stream(200, i -> "{\"type\":\"message\",\"id\":" + i + ",\"body\":\"message " + i + ": %s\"}");
        decoder = codec.newFrameDecoder();
        codecSink = new CodecSink(codec);
        countingSink = new CountingSink();
        requireAll(textStream, Message.Text.class);
        requireAll(jsonStream, Message.Post.class);
    }

    /** Guards the benchmark against measuring error replies: every frame must decode to {@code type}. */
    private void requireAll(byte[] stream, Class<?> type) {
        FrameDecoder check = codec.newFrameDecoder();
        int[] count = {0};
        check.decode(stream, 0, stream.length, new FrameDecoder.Sink() {
            @Override
            public void frame(byte[] buf, int off, int len, LineEnd end) {
                Object request = codec.decode(buf, off, len, end).request();
                if (!type.isInstance(request)) {
                    throw new IllegalStateException("frame " + count[0] + " decodes to " + request);
                }
                count[0]++;
            }

            @Override
            public void tooLong(byte[] head, int off, int len, LineEnd end) {
                throw new IllegalStateException("frame " + count[0] + " is too long");
            }
        });
        if (count[0] != FRAMES) {
            throw new IllegalStateException(count[0] + " frames instead of " + FRAMES);
        }
    }

    /** 64-byte text frames (63 bytes and LF): framing, UTF-8 check, command check. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void text64(Blackhole bh, CpuTime cpu) {
        codecSink.bh = bh;
        long start = cpu.now();
        decodeInReads(textStream, codecSink);
        cpu.add(start, FRAMES);
    }

    /** 200-byte JSON message frames (199 bytes and LF): framing, UTF-8 check, JSON parse, raw body and id. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void json200(Blackhole bh, CpuTime cpu) {
        codecSink.bh = bh;
        long start = cpu.now();
        decodeInReads(jsonStream, codecSink);
        cpu.add(start, FRAMES);
    }

    /** The same JSON stream through FrameDecoder alone: the share of the cost that is framing. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void json200FramingOnly(Blackhole bh, CpuTime cpu) {
        countingSink.bh = bh;
        long start = cpu.now();
        decodeInReads(jsonStream, countingSink);
        cpu.add(start, FRAMES);
    }

    /**
     * Thread CPU time of the benchmark thread. JMH adds these counters up over the measurement iterations, so
     * frames per CPU-second is {@code frames / cpuNanos * 1e9} of the totals it prints.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        public long cpuNanos;
        public long frames;

        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            frames = 0;
        }

        long now() {
            return THREADS.getCurrentThreadCpuTime();
        }

        void add(long start, int count) {
            cpuNanos += now() - start;
            frames += count;
        }
    }

    private void decodeInReads(byte[] stream, FrameDecoder.Sink sink) {
        for (int at = 0; at < stream.length; at += READ_BYTES) {
            decoder.decode(stream, at, Math.min(READ_BYTES, stream.length - at), sink);
        }
    }

    /** {@link #FRAMES} frames of exactly {@code size} bytes with their LF: the template's %s is filled with prose. */
    private static byte[] stream(int size, java.util.function.IntFunction<String> template) {
        String prose = "the quick brown fox jumps over the lazy dog. ".repeat(size / 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(FRAMES * size);
        for (int i = 0; i < FRAMES; i++) {
            String t = template.apply(i);
            int room = size - 1 - (t.length() - 2);
            out.writeBytes(t.replace("%s", prose.substring(0, room)).getBytes(StandardCharsets.US_ASCII));
            out.write('\n');
        }
        byte[] stream = out.toByteArray();
        if (stream.length != FRAMES * size) {
            throw new IllegalStateException("frames are not " + size + " bytes");
        }
        return stream;
    }

    private static final class CodecSink implements FrameDecoder.Sink {
        private final Codec codec;
        Blackhole bh;

        CodecSink(Codec codec) {
            this.codec = codec;
        }

        @Override
        public void frame(byte[] buf, int off, int len, LineEnd end) {
            bh.consume(codec.decode(buf, off, len, end));
        }

        @Override
        public void tooLong(byte[] head, int off, int len, LineEnd end) {
            throw new IllegalStateException("no frame here is too long");
        }
    }

    private static final class CountingSink implements FrameDecoder.Sink {
        Blackhole bh;

        @Override
        public void frame(byte[] buf, int off, int len, LineEnd end) {
            bh.consume(len);
        }

        @Override
        public void tooLong(byte[] head, int off, int len, LineEnd end) {
            throw new IllegalStateException("no frame here is too long");
        }
    }
}

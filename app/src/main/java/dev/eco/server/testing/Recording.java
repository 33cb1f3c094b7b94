package dev.eco.server.testing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What clients sent, for a test to take and check, like MockWebServer's {@code takeRequest}: off until
 * {@link #start}, then every frame of every connection and datagram, the last {@code lastFrames} of them
 * kept. A test asserts what its client sent without parsing echoes:
 *
 * <pre>{@code
 * server.recording().start();
 * client.send("HELO example.org");
 * assertEquals("HELO example.org", server.takeFrame(Duration.ofSeconds(5)).orElseThrow().text());
 * }</pre>
 */
public final class Recording {

    /** The frames {@link #start()} keeps: the last 1,000; older ones not yet taken are forgotten. */
    public static final int DEFAULT_FRAMES = 1_000;

    private final Taps taps;
    /** The log of the latest start, still readable after {@link #stop()}. */
    private volatile FrameLog log;

    Recording(Taps taps) {
        this.taps = taps;
    }

    /** {@link #start(int)} keeping the last {@link #DEFAULT_FRAMES}. */
    public void start() {
        start(DEFAULT_FRAMES);
    }

    /**
     * Starts a new recording that keeps the last {@code lastFrames} frames (at least 1); frames of an earlier
     * recording not yet taken are dropped. It records from each connection's next read on.
     */
    public void start(int lastFrames) {
        FrameLog fresh = new FrameLog(lastFrames);
        log = fresh;
        taps.update(now -> new Taps.Now(now.faults(), fresh, now.script()));
    }

    /** Stops recording; what was recorded can still be taken. */
    public void stop() {
        taps.update(now -> new Taps.Now(now.faults(), null, now.script()));
    }

    public boolean isOn() {
        return taps.now().recording() != null;
    }

    /**
     * The oldest frame not yet taken, waiting up to {@code timeout} for one; empty when none came.
     *
     * @throws IllegalStateException when recording was never started: no frame could ever come
     */
    public Optional<RecordedFrame> takeFrame(Duration timeout) throws InterruptedException {
        return started().take(timeout);
    }

    /** Every frame not yet taken, oldest first, without waiting. */
    public List<RecordedFrame> takeAll() {
        return started().takeAll();
    }

    /** Frames this recording forgot because the test did not take them before {@code lastFrames} newer came. */
    public long forgotten() {
        return started().forgotten();
    }

    private FrameLog started() {
        FrameLog current = log;
        if (current == null) {
            throw new IllegalStateException(
                    "recording is off: call recording().start() before the client sends what the test takes");
        }
        return current;
    }
}

package dev.eco.server.testing;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Answers a test scripts instead of the echo, so that eco becomes the mock server of a client of any
 * line-based protocol (SMTP-like, Redis-like, a game's): a queue of answers, one per frame, in order
 * ({@link #enqueue}), or a {@link Responder} that computes each one. Only line connections (TCP and TLS) are
 * scripted; UDP and the raw listener keep echoing.
 *
 * <p>Which frames the script takes is its {@link Scope}: by default the frames eco would echo, so that
 * {@code quit}, {@code /ping}, the chat commands and JSON frames keep eco's answers; {@link Scope#EVERY_FRAME}
 * takes those too (a protocol with its own {@code QUIT}). With the queue empty, or a responder that returns
 * null, a frame gets eco's usual answer. The idle timeout, the shutdown notice and the frame limit
 * ({@code frame_too_long}) are always eco's.
 */
public final class Script {

    /** Which line frames the script answers. */
    public enum Scope {
        /** The frames eco would echo: text lines that are no command, outside a chat room. */
        ECHOED,
        /** Every line frame: commands and JSON frames too; the connection never reaches a chat room. */
        EVERY_FRAME
    }

    /** The script in force, as a connection sees it. */
    public static final class Active {
        private final Scope scope;
        private final Responder responder;
        private final ConcurrentLinkedQueue<Answer> queue;

        private Active(Scope scope, Responder responder, ConcurrentLinkedQueue<Answer> queue) {
            this.scope = scope;
            this.responder = responder;
            this.queue = queue;
        }

        /** Whether it answers a frame that eco would echo ({@code echoed}) or answer otherwise. */
        public boolean takes(boolean echoed) {
            return echoed || scope == Scope.EVERY_FRAME;
        }

        /** The answer to this frame; null when eco answers it. */
        public Answer answer(RecordedFrame frame) {
            return responder != null ? responder.answer(frame) : queue.poll();
        }
    }

    private final Taps taps;
    private Scope scope = Scope.ECHOED;
    private Responder responder;
    private ConcurrentLinkedQueue<Answer> queue = new ConcurrentLinkedQueue<>();

    Script(Taps taps) {
        this.taps = taps;
    }

    /** Queues the answer to the next frame the script takes (on any connection). */
    public synchronized Script enqueue(Answer answer) {
        Objects.requireNonNull(answer, "answer");
        if (responder != null) {
            throw new IllegalStateException("a responder answers every frame: clear() the script before queueing");
        }
        queue.add(answer);
        publish();
        return this;
    }

    /** Queues these lines as the answer to the next frame the script takes. */
    public Script enqueue(String... lines) {
        return enqueue(Answer.lines(lines));
    }

    /** Answers every frame the script takes with {@code responder}, instead of a queue. */
    public synchronized Script respond(Responder responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
        queue = new ConcurrentLinkedQueue<>();
        publish();
        return this;
    }

    /** Which frames the script takes from now on; {@link Scope#ECHOED} until this is called. */
    public synchronized Script scope(Scope value) {
        scope = Objects.requireNonNull(value, "scope");
        if (responder != null || !queue.isEmpty()) {
            publish();
        }
        return this;
    }

    /** Answers not used yet. */
    public synchronized int queued() {
        return queue.size();
    }

    /** Back to eco's own answers: the queue, the responder and the scope are forgotten. */
    public synchronized void clear() {
        responder = null;
        queue = new ConcurrentLinkedQueue<>();
        scope = Scope.ECHOED;
        taps.update(now -> new Taps.Now(now.faults(), now.recording(), null));
    }

    private void publish() {
        Active active = new Active(scope, responder, queue);
        taps.update(now -> new Taps.Now(now.faults(), now.recording(), active));
    }
}

package dev.eco.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * Once a second, one line rewritten in place: seconds since the load began, replies per second over the last
 * second, errors so far and connections open. Only for a terminal; the caller passes null otherwise.
 */
final class Progress implements AutoCloseable {

    private final PrintStream out;
    private final List<Recorder> recorders;
    private final int size;
    private final Thread thread;

    Progress(PrintStream out, List<Recorder> recorders, int size) {
        this.out = out;
        this.recorders = recorders;
        this.size = size;
        this.thread = Thread.ofPlatform().daemon().name("eco-bench-progress").unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        long started = System.nanoTime();
        long last = 0;
        try {
            while (true) {
                Thread.sleep(1000);
                long messages = 0, errors = 0, open = 0;
                for (Recorder r : recorders) {
                    messages += r.liveMessages.get();
                    errors += r.liveErrors.get();
                    open += r.liveOpen.get();
                }
                long rate = messages - last;
                last = messages;
                out.printf(
                        "\r%4ds  %,12d msg/s  %8.1f MB/s  errors %,d  open %,d   ",
                        (System.nanoTime() - started) / 1_000_000_000L, rate, rate * (double) size / 1e6, errors, open);
                out.flush();
            }
        } catch (InterruptedException e) {
            // the run is over
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.print("\r\033[K");
        out.flush();
    }
}

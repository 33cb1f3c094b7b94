package dev.eco.bench;

import java.io.IOException;

/**
 * A worker's first phase: it opens every connection, at most {@link #IN_FLIGHT} at a time, so that a burst does
 * not overflow the server's accept backlog; each connect has {@code --timeout} to finish, so a slow server makes
 * connects fail one by one instead of leaving some never tried.
 */
final class ConnectPhase {

    /** Connects in progress at once per worker. */
    static final int IN_FLIGHT = 256;

    private final Worker worker;
    private int inFlight;

    ConnectPhase(Worker worker) {
        this.worker = worker;
    }

    void run() throws IOException {
        BenchConfig config = worker.config;
        long timeout = config.timeout().toNanos();
        long nextCheck = System.nanoTime() + Worker.SWEEP_NANOS;
        int started = 0;
        int total = worker.connections.size();
        while (true) {
            while (started < total && inFlight < IN_FLIGHT) {
                start(worker.connections.get(started++));
            }
            if (started == total && inFlight == 0) {
                break;
            }
            worker.selector.select(worker.onSelected, 100);
            long now = System.nanoTime();
            if (now >= nextCheck) {
                for (BenchConnection c : worker.connections) {
                    if (c.state == BenchConnection.State.CONNECTING && now - c.connectStarted > timeout) {
                        failed(
                                c,
                                new IOException("connect timed out after "
                                        + config.timeout().toMillis() + " ms"));
                    }
                }
                worker.recorder.publish(worker.countOpen());
                nextCheck = now + Worker.SWEEP_NANOS;
            }
        }
        worker.recorder.publish(worker.countOpen());
    }

    private void start(BenchConnection c) {
        try {
            c.connectStarted = System.nanoTime();
            if (worker.startConnect(c)) {
                c.state = BenchConnection.State.CONNECTING;
                inFlight++;
            } else {
                opened(c);
            }
        } catch (IOException e) {
            failed(c, e);
        }
    }

    /** {@code c} is connected. */
    void opened(BenchConnection c) {
        if (c.state == BenchConnection.State.CONNECTING) {
            inFlight--;
        }
        c.state = BenchConnection.State.OPEN;
        worker.recorder.connected++;
    }

    /** {@code c} could not connect; out of file descriptors ends the run with a sentence saying so. */
    void failed(BenchConnection c, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("Too many open files")) {
            throw FileLimits.exhausted(worker.recorder.connected);
        }
        if (c.state == BenchConnection.State.CONNECTING) {
            inFlight--;
        }
        worker.recorder.connectFailures++;
        if (worker.firstConnectFailure == null) {
            worker.firstConnectFailure = message;
        }
        worker.close(c);
    }
}

package dev.eco.it.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.TestClient;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a real {@code eco serve} while {@link #CLIENTS} clients pipeline frames. What the server has read
 * it answers, in order, then sends its notice and closes; the process exits 0 within its shutdown grace.
 * docs/security.md says what "received before the signal" means when frames are still in flight.
 */
class ShutdownUnderLoadIT {

    static final int CLIENTS = Integer.getInteger("hostile.shutdownClients", 100);
    static final Duration GRACE = Duration.ofSeconds(10);

    /** Writers stop, then the signal comes at once, with their frames still unanswered: every one is answered. */
    @Test
    void everyFrameSentBeforeTheSignalIsAnswered() throws Exception {
        try (EcoProcess eco = serve()) {
            List<Client> clients = connect(eco);
            awaitTraffic(clients);
            clients.forEach(Client::stopWriting);
            for (Client c : clients) {
                c.awaitWriterDone();
            }
            long sent = clients.stream().mapToLong(c -> c.sent.get()).sum();
            long answered = clients.stream().mapToLong(c -> c.replies.get()).sum();
            long started = System.nanoTime();
            eco.process().destroy(); // SIGTERM
            int exit = eco.terminate(GRACE.plusSeconds(5));
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            for (Client c : clients) {
                c.awaitEnd();
                assertEquals(c.sent.get(), c.replies.get(), c + ": every frame written before the signal is answered");
                assertTrue(c.notice, c + " got the shutdown notice");
                assertTrue(c.failure == null, c + ": " + c.failure);
            }
            assertEquals(0, exit, "exit status after SIGTERM");
            assertTrue(tookMillis < GRACE.toMillis(), "drained within the grace: " + tookMillis + " ms");
            System.out.printf(
                    "SIGTERM after the writers stopped: %d clients, %d frames sent, %d unanswered at the "
                            + "signal, all answered; exit 0 after %d ms%n",
                    clients.size(), sent, sent - answered, tookMillis);
            // Each writer's last burst is 2,000 frames, so frames are nearly always still in flight at the signal;
            // on the rare run where the server caught up first, the test proved nothing and says so.
            assumeTrue(sent > answered, "the server had answered everything before the signal: nothing was in flight");
        }
    }

    /** Writers go on until they see the notice: what the server read is answered in order, everyone is told. */
    @Test
    void clientsThatKeepSendingAreAnsweredUpToTheNotice() throws Exception {
        try (EcoProcess eco = serve()) {
            List<Client> clients = connect(eco);
            awaitTraffic(clients);
            long started = System.nanoTime();
            eco.process().destroy(); // SIGTERM
            int exit = eco.terminate(GRACE.plusSeconds(5));
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            long sent = 0;
            long replies = 0;
            for (Client c : clients) {
                c.awaitEnd();
                assertTrue(c.failure == null, c + ": " + c.failure);
                assertTrue(c.notice, c + " got the shutdown notice");
                assertTrue(c.replies.get() <= c.sent.get(), c.toString());
                sent += c.sent.get();
                replies += c.replies.get();
            }
            assertEquals(0, exit, "exit status after SIGTERM");
            assertTrue(tookMillis < GRACE.toMillis(), "drained within the grace: " + tookMillis + " ms");
            System.out.printf(
                    "SIGTERM under load: %d clients, %d frames sent, %d answered (in order), %d never read "
                            + "by the server; exit 0 after %d ms%n",
                    clients.size(), sent, replies, sent - replies, tookMillis);
        }
    }

    /**
     * Regression: a frame the client had not finished when shutdown ended the input was answered as a frame
     * (found by the test above: reply 15046 of a client was "c101 1", the first bytes of "c101 15046").
     */
    @Test
    void aFrameCutOffByTheShutdownIsNotAnswered() throws Exception {
        EcoServer server = EcoServer.start(ServerConfig.forTests());
        try (TestClient client = TestClient.connect(server.tcpAddress())) {
            assertEquals("whole", client.roundTrip("whole"));
            client.send("/jo"); // the start of "/join lobby", no newline yet
            Thread closer = Thread.ofPlatform().name("closer").start(server::close);
            assertEquals("server shutting down", client.readLine(), "the unfinished frame got no reply");
            client.assertEof();
            closer.join(Duration.ofSeconds(10));
        } finally {
            server.close();
        }
    }

    private static EcoProcess serve() throws IOException {
        // No cap per address: every client is this machine (benchmarks/hostile runs 2,000 of them).
        return EcoProcess.serve(
                "--port",
                "0",
                "--udp-port",
                "off",
                "--shutdown-grace",
                GRACE.toSeconds() + "s",
                "--max-connections-per-address",
                "0");
    }

    private static List<Client> connect(EcoProcess eco) throws IOException {
        InetSocketAddress server = eco.address("tcp");
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new Client(i, server));
        }
        return clients;
    }

    private static void awaitTraffic(List<Client> clients) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .failFast(() -> clients.stream().anyMatch(c -> c.failure != null))
                .until(() -> clients.stream().allMatch(c -> c.replies.get() >= 500));
    }

    /** One pipelining client: a writer ahead of its reader, which checks every reply. */
    private static final class Client {
        private static final int BATCH = 100;
        /** Frames a writer may be ahead of its reader: pipelined deep, but not without end. */
        private static final int WINDOW = 5_000;

        private static final int LAST_BURST = 2_000;

        final int id;
        final Socket socket;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong replies = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();
        final Semaphore window = new Semaphore(WINDOW);
        final CountDownLatch writerDone = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        volatile boolean notice;
        volatile boolean lastBurst;
        volatile String failure;

        Client(int id, InetSocketAddress server) throws IOException {
            this.id = id;
            this.socket = new Socket(server.getAddress(), server.getPort());
            socket.setSoTimeout((int) GRACE.plusSeconds(5).toMillis());
            Thread.ofVirtual().name("writer-" + id).start(this::write);
            Thread.ofVirtual().name("reader-" + id).start(this::read);
        }

        /** Stops the writer after one last burst of {@link #LAST_BURST} frames, written without waiting for replies. */
        void stopWriting() {
            lastBurst = true;
            stop.set(true);
        }

        void awaitWriterDone() throws InterruptedException {
            assertTrue(writerDone.await(10, TimeUnit.SECONDS), this + ": the writer did not stop");
        }

        void awaitEnd() throws InterruptedException {
            assertTrue(ended.await(GRACE.plusSeconds(10).toSeconds(), TimeUnit.SECONDS), this + " never ended");
        }

        private void write() {
            try {
                OutputStream out = socket.getOutputStream();
                StringBuilder batch = new StringBuilder();
                while (!stop.get()) {
                    if (!window.tryAcquire(BATCH, 100, TimeUnit.MILLISECONDS)) {
                        continue; // the reader is behind by a whole window: look at stop again
                    }
                    batch.setLength(0);
                    long first = sent.get();
                    for (long n = first; n < first + BATCH; n++) {
                        batch.append('c').append(id).append(' ').append(n).append('\n');
                    }
                    out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                    sent.addAndGet(BATCH); // only whole writes count
                }
                if (lastBurst) {
                    batch.setLength(0);
                    long first = sent.get();
                    for (long n = first; n < first + LAST_BURST; n++) {
                        batch.append('c').append(id).append(' ').append(n).append('\n');
                    }
                    out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                    sent.addAndGet(LAST_BURST);
                }
            } catch (IOException e) {
                // the server closed: the frames of the failed write are not counted as sent
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                writerDone.countDown();
            }
        }

        private void read() {
            try (socket) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("server shutting down")) {
                        notice = true;
                        stop.set(true); // a client stops sending once told
                        if ((line = in.readLine()) != null) {
                            failure = "'" + line + "' after the notice";
                        }
                        break;
                    }
                    String expected = "c" + id + " " + replies.get();
                    if (!line.equals(expected)) {
                        failure = "reply " + replies.get() + " was '" + line + "', not '" + expected + "'";
                        break;
                    }
                    replies.incrementAndGet();
                    window.release();
                }
            } catch (IOException e) {
                failure = "read failed after " + replies.get() + " replies: " + e;
            } finally {
                stop.set(true);
                ended.countDown();
            }
        }

        @Override
        public String toString() {
            return "client " + id + " (" + sent.get() + " sent, " + replies.get() + " replies"
                    + (failure == null ? "" : ", " + failure) + ")";
        }
    }
}

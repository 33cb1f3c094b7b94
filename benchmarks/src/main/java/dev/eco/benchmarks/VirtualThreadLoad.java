package dev.eco.benchmarks;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The other way to write the generator, kept to compare with {@code eco bench}'s selector threads: one
 * virtual thread per connection with blocking sockets, closed loop, one 64-byte line in flight, the reply
 * compared with what was sent. It prints replies per second and its own CPU time per reply.
 *
 * <pre>java -cp eco-benchmarks.jar dev.eco.benchmarks.VirtualThreadLoad PORT CONNECTIONS SECONDS</pre>
 */
public final class VirtualThreadLoad {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        LongAdder replies = new LongAdder();
        LongAdder errors = new LongAdder();
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            s.setTcpNoDelay(true);
            sockets.add(s);
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (Socket s : sockets) {
            threads.add(Thread.ofVirtual().start(() -> {
                byte[] line = new byte[64];
                Arrays.fill(line, (byte) 'x');
                line[63] = '\n';
                byte[] reply = new byte[64];
                try (s;
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream()) {
                    while (System.nanoTime() < end) {
                        out.write(line);
                        if (in.readNBytes(reply, 0, 64) != 64 || !Arrays.equals(line, reply)) {
                            errors.increment();
                            return;
                        }
                        replies.increment();
                    }
                } catch (Exception e) {
                    errors.increment();
                }
            }));
        }
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e9;
        long n = replies.sum();
        System.out.printf(
                "virtual-thread load: %,d connections, %,.0f msg/s, %.2f µs generator CPU per message, %d errors%n",
                connections, n / elapsed, cpu * 1e6 / Math.max(1, n), errors.sum());
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

package dev.eco.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of {@code benchmarks/rooms-at-scale}, against eco servers sharing their rooms (docs/cluster.md).
 *
 * <ul>
 *   <li>{@code spread A B ROOMS ON_A RATE SECONDS}: ROOMS rooms, each with a talker and a listener; the first
 *       ON_A rooms entirely on server A, the others on B; each talker says RATE messages a second for SECONDS.
 *       Prints the messages said and heard. The script reads each server's CPU time meanwhile.
 *   <li>{@code joins SERVER ROOMS PROBES}: fills ROOMS rooms with one member each, then PROBES times joins a
 *       new room and asks {@code /rooms}; prints the latency of each (p50, p99, max) in milliseconds.
 * </ul>
 * The servers must run with {@code --rate-limit 0} and room limits above ROOMS.
 */
public final class RoomsAtScale {

    private RoomsAtScale() {}

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "spread" ->
                spread(
                        address(args[1]),
                        address(args[2]),
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]),
                        Double.parseDouble(args[5]),
                        Integer.parseInt(args[6]));
            case "joins" -> joins(address(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> {
                System.err.println(
                        "usage: RoomsAtScale spread A B ROOMS ON_A RATE SECONDS | joins SERVER ROOMS PROBES");
                System.exit(2);
            }
        }
    }

    private static void spread(InetSocketAddress a, InetSocketAddress b, int rooms, int onA, double rate, int seconds)
            throws Exception {
        AtomicLong heard = new AtomicLong();
        long said = 0;
        List<Line> all = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            InetSocketAddress server = r < onA ? a : b;
            Line listener = Line.open(server);
            Line talker = Line.open(server);
            all.add(listener);
            all.add(talker);
            listener.join("room-" + r);
            talker.join("room-" + r);
            // the readers end when their socket closes, at the end
            var _ = Thread.ofVirtual().start(() -> listener.count(heard));
            var _ = Thread.ofVirtual().start(() -> talker.count(new AtomicLong()));
        }
        long period = (long) (1e9 / rate);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        System.out.println("ready"); // the script starts its CPU window here
        for (long next = start; next < end; next += period) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            for (int i = 1; i < all.size(); i += 2) {
                all.get(i).send("m" + ++said);
            }
        }
        System.out.println("done");
        Thread.sleep(2_000); // the last deliveries
        System.out.printf("said %d, heard %d%n", said, heard.get());
        for (Line line : all) {
            line.close();
        }
    }

    private static void joins(InetSocketAddress server, int rooms, int probes) throws Exception {
        List<Line> members = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            Line member = Line.open(server);
            member.join("filler-" + r);
            members.add(member);
        }
        long[] joins = new long[probes];
        long[] lists = new long[probes];
        try (Line probe = Line.open(server)) {
            for (int i = 0; i < probes; i++) {
                long t0 = System.nanoTime();
                probe.join("probe-" + i);
                joins[i] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                probe.send("/rooms");
                probe.awaitPrefix("rooms: ");
                lists[i] = System.nanoTime() - t0;
            }
        }
        System.out.printf("rooms %d: join %s; /rooms %s%n", rooms, percentiles(joins), percentiles(lists));
        for (Line member : members) {
            member.close();
        }
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(
                "p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                sorted[sorted.length / 2] / 1e6,
                sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** One line connection to eco. */
    private record Line(Socket socket, BufferedReader in, OutputStream out) implements AutoCloseable {

        static Line open(InetSocketAddress server) throws IOException {
            Socket socket = new Socket();
            socket.connect(server, 10_000);
            socket.setSoTimeout(30_000);
            return new Line(
                    socket,
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)),
                    socket.getOutputStream());
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void join(String room) throws IOException {
            send("/join " + room);
            awaitPrefix("joined " + room);
        }

        void awaitPrefix(String prefix) throws IOException {
            for (String line = in.readLine(); ; line = in.readLine()) {
                if (line == null) {
                    throw new IOException("closed while waiting for " + prefix);
                }
                if (line.startsWith(prefix)) {
                    return;
                }
                if (line.startsWith("error: ")) {
                    throw new IOException(line);
                }
            }
        }

        void count(AtomicLong messages) {
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("[")) {
                        messages.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // closed at the end
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

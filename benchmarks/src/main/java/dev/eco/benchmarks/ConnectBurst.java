package dev.eco.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A burst of connects: N connections opened at once (every connect started before any is answered), each
 * sends one line as soon as it is connected and waits for its echo. Prints, per connection, the time from its
 * connect call to the last byte of its first reply (p50, p99, max), how many took longer than one second and
 * how many got no reply within the timeout. One selector on one platform thread, so the driver itself adds
 * no scheduling of its own.
 *
 * <pre>java -cp eco-benchmarks.jar dev.eco.benchmarks.ConnectBurst PORT [CONNECTIONS=1000] [TIMEOUT_S=10]</pre>
 */
public final class ConnectBurst {

    private static final class Conn {
        SocketChannel channel;
        final long started = System.nanoTime();
        final ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(128);
        long replied = -1;

        Conn(int index) {
            this.out = ByteBuffer.wrap(("burst line " + index + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long timeoutNanos = (args.length > 2 ? Long.parseLong(args[2]) : 10) * 1_000_000_000L;
        InetSocketAddress target = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), port);
        Conn[] conns = new Conn[n];
        int failed = 0;
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < n; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                conns[i] = new Conn(i);
                conns[i].channel = ch;
                ch.register(selector, ch.connect(target) ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, conns[i]);
            }
            long deadline = System.nanoTime() + timeoutNanos;
            int done = 0;
            while (done + failed < n && System.nanoTime() < deadline) {
                selector.select(100);
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    Conn c = (Conn) key.attachment();
                    SocketChannel ch = (SocketChannel) key.channel();
                    try {
                        if (key.isConnectable() && ch.finishConnect()) {
                            key.interestOps(SelectionKey.OP_WRITE);
                        }
                        if (key.isValid() && key.isWritable()) {
                            ch.write(c.out);
                            if (!c.out.hasRemaining()) {
                                key.interestOps(SelectionKey.OP_READ);
                            }
                        }
                        if (key.isValid() && key.isReadable()) {
                            if (ch.read(c.in) < 0) {
                                throw new IOException("closed");
                            }
                            if (c.in.position() > 0 && c.in.get(c.in.position() - 1) == '\n') {
                                c.replied = System.nanoTime();
                                done++;
                                key.cancel();
                            }
                        }
                    } catch (IOException e) {
                        failed++;
                        key.cancel();
                    }
                }
            }
            for (Conn c : conns) {
                c.channel.close();
            }
        }
        long[] millis = Arrays.stream(conns)
                .filter(c -> c.replied > 0)
                .mapToLong(c -> (c.replied - c.started) / 1_000_000)
                .sorted()
                .toArray();
        int replied = millis.length;
        long over1s = Arrays.stream(millis).filter(m -> m > 1000).count();
        // late: the connections that missed the 1 s goal, however (slow, no reply, failed)
        System.out.printf(
                "{\"connections\":%d,\"replied\":%d,\"no_reply\":%d,\"failed\":%d,\"over_1s\":%d,"
                        + "\"late\":%d,\"first_reply_ms\":{\"p50\":%d,\"p99\":%d,\"max\":%d}}%n",
                n,
                replied,
                n - replied - failed,
                failed,
                over1s,
                n - replied + over1s,
                pick(millis, 0.50),
                pick(millis, 0.99),
                replied == 0 ? -1 : millis[replied - 1]);
    }

    private static long pick(long[] sorted, double q) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}

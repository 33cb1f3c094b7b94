package dev.eco.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A member keeps reading past lines it cannot measure, over a real socket. */
class MeasuredMemberTest {

    @Test
    void theSendTimeIsTheLastWordOfAMeasuredLine() {
        assertEquals(42, MeasuredMember.intendedNanos("[fanout] <guest-1> fo 3 7 42"));
        assertEquals(42, MeasuredMember.intendedNanos("fo 3 7 42"));
        assertEquals(MeasuredMember.NOT_MEASURED, MeasuredMember.intendedNanos("* guest-2 joined fanout"));
        assertEquals(MeasuredMember.NOT_MEASURED, MeasuredMember.intendedNanos("[fanout] <bob> some info for all"));
        assertEquals(MeasuredMember.NOT_MEASURED, MeasuredMember.intendedNanos("fo 3 7 "));
    }

    @Test
    void aLineThatOnlyLooksMeasuredDoesNotStopTheReader() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Long> delivered = new CopyOnWriteArrayList<>();
            AtomicInteger disconnected = new AtomicInteger();
            MeasuredMember.Deliveries sink = new MeasuredMember.Deliveries() {
                @Override
                public void delivered(long intendedNanos, long receivedNanos) {
                    delivered.add(intendedNanos);
                }

                @Override
                public void disconnected() {
                    disconnected.incrementAndGet();
                }
            };
            try (MeasuredMember member =
                            new MeasuredMember(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
                    Socket peer = server.accept()) {
                OutputStream out = peer.getOutputStream();
                out.write("[r] <bob> fo real info\nfo 1 2 12345\n".getBytes(StandardCharsets.UTF_8));
                peer.shutdownOutput();

                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> member.receive(sink));
            }
            assertEquals(List.of(12_345L), delivered);
            assertEquals(1, disconnected.get()); // the end of the stream, once
        }
    }
}

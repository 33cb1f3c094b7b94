package dev.eco.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux's own count of the data segments one TCP socket has sent, read with {@code ss -ti}: the one way a
 * test can see how many writes a server made, since the bytes of several writes arrive together.
 */
public final class TcpStats {

    private static final Pattern DATA_SEGS_OUT = Pattern.compile("\\bdata_segs_out:(\\d+)");

    private TcpStats() {}

    /**
     * Data segments sent by the socket bound to {@code localPort} and connected to {@code peerPort} on
     * loopback; empty when {@code ss} is not there or does not report it.
     */
    public static OptionalLong dataSegmentsOut(int localPort, int peerPort) {
        try {
            Process ss = new ProcessBuilder(
                            "ss",
                            "-tinH",
                            "state",
                            "established",
                            "( sport = :" + localPort + " and dport = :" + peerPort + " )")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ss.waitFor(10, TimeUnit.SECONDS) || ss.exitValue() != 0 || out.isBlank()) {
                return OptionalLong.empty();
            }
            Matcher m = DATA_SEGS_OUT.matcher(out);
            // ss leaves the field out while it is zero.
            return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.of(0);
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}

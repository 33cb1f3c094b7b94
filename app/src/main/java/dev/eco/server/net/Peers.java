package dev.eco.server.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** How a peer is named in logs, thread names and listening lines: {@code 127.0.0.1:41234}, {@code [::1]:41234}. */
public final class Peers {

    private Peers() {}

    public static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + compress(host) + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /**
     * An IPv6 address as people write it (RFC 5952): Java gives {@code 0:0:0:0:0:0:0:1}, this gives {@code ::1}.
     * The longest run of two or more zero groups, the first of equals, becomes {@code ::}.
     */
    static String compress(String ipv6) {
        int percent = ipv6.indexOf('%');
        String scope = percent < 0 ? "" : ipv6.substring(percent);
        String[] groups = (percent < 0 ? ipv6 : ipv6.substring(0, percent)).split(":", -1);
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        if (bestStart < 0) {
            return ipv6;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail + scope;
    }
}

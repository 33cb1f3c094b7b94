package dev.eco.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** How a peer is named in logs and thread names: {@code 127.0.0.1:41234}, {@code [::1]:41234}. */
final class Peers {

    private Peers() {}

    static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}

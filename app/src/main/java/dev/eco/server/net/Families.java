package dev.eco.server.net;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;

/**
 * The protocol family a listening socket is opened with: its address's own. Java opens sockets as IPv6 by
 * default and binds 0.0.0.0 on such a socket as the IPv6 wildcard {@code ::}, which takes IPv6 connections
 * as well; opened as IPv4, 0.0.0.0 is every IPv4 address and nothing else, as for every other server. An
 * IPv6 address, {@code ::} included, keeps the default: {@code ::} takes IPv4 and IPv6.
 */
public final class Families {

    private Families() {}

    public static ProtocolFamily of(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address
                ? StandardProtocolFamily.INET
                : StandardProtocolFamily.INET6;
    }
}

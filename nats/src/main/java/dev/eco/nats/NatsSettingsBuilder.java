package dev.eco.nats;

import java.time.Duration;

/**
 * Collects a {@link NatsSettings}, starting from the defaults; {@link #build()} validates. Each setting is
 * documented on {@link NatsSettings} under the same name.
 */
public final class NatsSettingsBuilder {
    private NatsServers servers;
    private String node;
    private Duration connectWait = Duration.ZERO;
    private Duration requestTimeout = Duration.ofSeconds(2);
    private Duration failoverWait = Duration.ofSeconds(10);
    private String prefix = "eco";
    private int replicas = 1;
    private int maxRooms = 1_000;
    private int maxRoomMembers = 1_000;
    private int maxMessageBytes = 64 << 10;
    private int historyKept = 100;
    private int keptPerRoom = 1_000;
    private Duration nodeTtl = Duration.ofSeconds(6);
    private Duration heartbeatEvery = Duration.ofSeconds(2);
    private Duration duplicateWindow = Duration.ofMinutes(2);

    NatsSettingsBuilder(NatsServers servers, String node) {
        this.servers = servers;
        this.node = node;
    }

    NatsSettingsBuilder(NatsSettings from) {
        servers = from.servers();
        node = from.node();
        connectWait = from.connectWait();
        requestTimeout = from.requestTimeout();
        failoverWait = from.failoverWait();
        prefix = from.prefix();
        replicas = from.replicas();
        maxRooms = from.maxRooms();
        maxRoomMembers = from.maxRoomMembers();
        maxMessageBytes = from.maxMessageBytes();
        historyKept = from.historyKept();
        keptPerRoom = from.keptPerRoom();
        nodeTtl = from.nodeTtl();
        heartbeatEvery = from.heartbeatEvery();
        duplicateWindow = from.duplicateWindow();
    }

    public NatsSettingsBuilder servers(NatsServers value) {
        servers = value;
        return this;
    }

    public NatsSettingsBuilder credentials(NatsCredentials value) {
        servers = servers.withCredentials(value);
        return this;
    }

    public NatsSettingsBuilder node(String value) {
        node = value;
        return this;
    }

    public NatsSettingsBuilder connectWait(Duration value) {
        connectWait = value;
        return this;
    }

    public NatsSettingsBuilder requestTimeout(Duration value) {
        requestTimeout = value;
        return this;
    }

    public NatsSettingsBuilder failoverWait(Duration value) {
        failoverWait = value;
        return this;
    }

    public NatsSettingsBuilder prefix(String value) {
        prefix = value;
        return this;
    }

    public NatsSettingsBuilder replicas(int value) {
        replicas = value;
        return this;
    }

    public NatsSettingsBuilder maxRooms(int value) {
        maxRooms = value;
        return this;
    }

    public NatsSettingsBuilder maxRoomMembers(int value) {
        maxRoomMembers = value;
        return this;
    }

    public NatsSettingsBuilder maxMessageBytes(int value) {
        maxMessageBytes = value;
        return this;
    }

    public NatsSettingsBuilder historyKept(int value) {
        historyKept = value;
        return this;
    }

    public NatsSettingsBuilder keptPerRoom(int value) {
        keptPerRoom = value;
        return this;
    }

    public NatsSettingsBuilder nodeTtl(Duration value) {
        nodeTtl = value;
        return this;
    }

    public NatsSettingsBuilder heartbeatEvery(Duration value) {
        heartbeatEvery = value;
        return this;
    }

    public NatsSettingsBuilder duplicateWindow(Duration value) {
        duplicateWindow = value;
        return this;
    }

    public NatsSettings build() {
        return new NatsSettings(
                servers,
                node,
                connectWait,
                requestTimeout,
                failoverWait,
                prefix,
                replicas,
                maxRooms,
                maxRoomMembers,
                maxMessageBytes,
                historyKept,
                keptPerRoom,
                nodeTtl,
                heartbeatEvery,
                duplicateWindow);
    }
}

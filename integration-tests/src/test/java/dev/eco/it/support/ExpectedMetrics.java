package dev.eco.it.support;

import dev.eco.protocol.ErrorCode;
import dev.eco.server.ServerLoop;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.ServerMetrics.ListenerKind;
import dev.eco.server.ServerMetrics.Refusal;
import dev.eco.server.ServerMetrics.UdpDrop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The samples a fresh eco's {@code /metrics} serves, each with the value a test expects of it. */
public final class ExpectedMetrics {

    private ExpectedMetrics() {}

    /**
     * Every sample whose labels are known up front: the given values, and 0 for the rest. The histogram's
     * finite buckets and sum depend on timing, so they are left out; its count and +Inf bucket are in.
     */
    public static Map<String, Long> of(Map<String, Long> given) {
        Map<String, Long> all = new HashMap<>();
        List<String> streams = new ArrayList<>();
        for (ListenerKind listener : ListenerKind.values()) {
            String l = label(listener);
            all.put("eco_received_bytes_total{listener=\"" + l + "\"}", 0L);
            all.put("eco_sent_bytes_total{listener=\"" + l + "\"}", 0L);
            if (listener != ListenerKind.UDP) {
                streams.add(l);
            }
        }
        for (String l : streams) {
            for (String name : List.of(
                    "eco_connections_opened_total",
                    "eco_connections_open",
                    "eco_frames_received_total",
                    "eco_frames_sent_total")) {
                all.put(name + "{listener=\"" + l + "\"}", 0L);
            }
            for (Close reason : Close.values()) {
                all.put("eco_connections_closed_total{listener=\"" + l + "\",reason=\"" + label(reason) + "\"}", 0L);
            }
            for (Refusal reason : Refusal.values()) {
                all.put("eco_connections_refused_total{listener=\"" + l + "\",reason=\"" + label(reason) + "\"}", 0L);
            }
        }
        for (ErrorCode code : ErrorCode.values()) {
            all.put("eco_error_replies_total{code=\"" + label(code) + "\"}", 0L);
        }
        for (UdpDrop reason : UdpDrop.values()) {
            all.put("eco_udp_datagrams_dropped_total{reason=\"" + label(reason) + "\"}", 0L);
        }
        for (ServerLoop loop : ServerLoop.values()) {
            all.put("eco_loops_ended_total{loop=\"" + loop.label() + "\"}", 0L);
        }
        for (String name : List.of(
                "eco_rate_limited_frames_total",
                "eco_slow_consumers_total",
                "eco_udp_datagrams_answered_total",
                "eco_rooms",
                "eco_room_members",
                "eco_reply_latency_seconds_count",
                "eco_reply_latency_seconds_bucket{le=\"+Inf\"}")) {
            all.put(name, 0L);
        }
        given.forEach((sample, value) -> {
            if (!all.containsKey(sample)) {
                throw new IllegalArgumentException("not a known sample: " + sample);
            }
            all.put(sample, value);
        });
        return all;
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

package dev.eco.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the results files benchmarks/compare writes (one JSON object a line, each with "server", "case"
 * and the figures) and prints one Markdown table: per case and figure, each server's median with the range
 * of its runs, and eco's median as a ratio to Netty NIO's (to Netty's WebSocket server's in the WebSocket
 * rows); then eco's WebSocket against its own TCP. Several files are pooled, so the runs of several compare
 * sessions give one median.
 *
 * <pre>java -cp eco-benchmarks.jar dev.eco.benchmarks.CompareTable results.jsonl [more.jsonl ...]</pre>
 */
public final class CompareTable {

    static final List<String> SERVERS = List.of(
            "eco",
            "eco-noyield",
            "eco-jar",
            "eco-base",
            "eco-noidle",
            "eco-metrics",
            "netty-nio",
            "netty-epoll",
            "netty-ws",
            "threads",
            "c-echo");
    static final String BASELINE = "netty-nio";
    /** The baseline of the WebSocket rows. */
    static final String WS_BASELINE = "netty-ws";

    /** A row: the case it reads, the field, how to show it, and whether lower is better. */
    record Row(String caseName, String label, String field, double scale, String format, boolean lowerIsBetter) {
        String baseline() {
            return caseName.startsWith("ws") ? WS_BASELINE : BASELINE;
        }
    }

    static final List<Row> ROWS = List.of(
            new Row("tcp50", "tcp line echo, 50 conns: msg/s", "msgs_per_s", 1, "%,.0f", false),
            new Row("tcp50", "tcp line echo, 50 conns: p99 µs", "p99", 1, "%,.0f", true),
            new Row("tcp50", "tcp line echo, 50 conns: server CPU µs/msg", "server_cpu_us_per_msg", 1, "%.1f", true),
            new Row("tcp1000", "tcp line echo, 1,000 conns: msg/s", "msgs_per_s", 1, "%,.0f", false),
            new Row("tcp1000", "tcp line echo, 1,000 conns: p99 µs", "p99", 1, "%,.0f", true),
            new Row(
                    "tcp1000",
                    "tcp line echo, 1,000 conns: server CPU µs/msg",
                    "server_cpu_us_per_msg",
                    1,
                    "%.1f",
                    true),
            new Row("udp", "udp echo, 50 sockets: datagrams/s", "msgs_per_s", 1, "%,.0f", false),
            new Row("udp", "udp echo, 50 sockets: p99 µs", "p99", 1, "%,.0f", true),
            new Row("udp", "udp echo, 50 sockets: server CPU µs/datagram", "server_cpu_us_per_msg", 1, "%.1f", true),
            new Row("ws50", "ws echo, 50 conns: msg/s", "msgs_per_s", 1, "%,.0f", false),
            new Row("ws50", "ws echo, 50 conns: p99 µs", "p99", 1, "%,.0f", true),
            new Row("ws50", "ws echo, 50 conns: server CPU µs/msg", "server_cpu_us_per_msg", 1, "%.1f", true),
            new Row("ws1000", "ws echo, 1,000 conns: msg/s", "msgs_per_s", 1, "%,.0f", false),
            new Row("ws1000", "ws echo, 1,000 conns: p99 µs", "p99", 1, "%,.0f", true),
            new Row("ws1000", "ws echo, 1,000 conns: server CPU µs/msg", "server_cpu_us_per_msg", 1, "%.1f", true),
            new Row("startup", "startup to `listening`: ms", "ms", 1, "%,.0f", true),
            new Row("burst", "burst of 1,000 connects: p99 first reply, ms", "p99", 1, "%,.0f", true),
            new Row("burst", "burst of 1,000 connects: slowest first reply, ms", "max", 1, "%,.0f", true),
            new Row("burst", "burst of 1,000 connects: first reply over 1 s or none", "late", 1, "%,.0f", true),
            new Row("hold", "held connections (of those asked)", "open_at_end", 1, "%,.0f", false),
            new Row("hold", "hold: errors", "errors", 1, "%,.0f", true),
            new Row("hold", "hold: resident memory per connection, KB", "rss_per_conn", 1 / 1024.0, "%,.1f", true),
            new Row("hold", "hold: heap per connection, KB", "heap_per_conn", 1 / 1024.0, "%,.1f", true));

    public static void main(String[] args) throws IOException {
        List<Map<String, String>> results = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (String file : args) {
            lines.addAll(Files.readAllLines(Path.of(file)));
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher m = Pattern.compile("\"([a-z0-9_]+)\":(\"[^\"]*\"|-?[0-9.eE+-]+)")
                    .matcher(line);
            while (m.find()) {
                fields.putIfAbsent(m.group(1), m.group(2).replace("\"", ""));
            }
            results.add(fields);
        }
        List<String> servers = SERVERS.stream()
                .filter(s -> results.stream().anyMatch(r -> s.equals(r.get("server"))))
                .toList();
        StringBuilder out = new StringBuilder("| figure | ");
        servers.forEach(s -> out.append(s).append(" | "));
        out.append("eco / ")
                .append(BASELINE)
                .append(" (ws rows: / ")
                .append(WS_BASELINE)
                .append(") |\n|---|");
        servers.forEach(s -> out.append("---:|"));
        out.append("---:|\n");
        for (Row row : ROWS) {
            out.append("| ").append(row.label()).append(" | ");
            Double eco = null, base = null;
            for (String s : servers) {
                List<Double> v = values(results, s, row);
                if (v.isEmpty()) {
                    out.append("– | ");
                    continue;
                }
                double median = median(v);
                out.append(String.format(Locale.ROOT, row.format(), median));
                if (v.size() > 1) {
                    out.append(String.format(
                            Locale.ROOT, " (" + row.format() + "–" + row.format() + ")", v.getFirst(), v.getLast()));
                }
                out.append(" | ");
                if (s.equals("eco")) {
                    eco = median;
                }
                if (s.equals(row.baseline())) {
                    base = median;
                }
            }
            out.append(eco != null && base != null && base != 0 ? String.format(Locale.ROOT, "%.2f", eco / base) : "–")
                    .append(" |\n");
        }
        out.append(wsAgainstTcp(results));
        System.out.print(out);
    }

    /** eco's server CPU per message over WebSocket against over TCP, from the medians of the same runs. */
    private static String wsAgainstTcp(List<Map<String, String>> results) {
        StringBuilder out = new StringBuilder();
        for (String conns : List.of("50", "1000")) {
            Row ws = new Row("ws" + conns, "", "server_cpu_us_per_msg", 1, "", true);
            Row tcp = new Row("tcp" + conns, "", "server_cpu_us_per_msg", 1, "", true);
            List<Double> w = values(results, "eco", ws);
            List<Double> t = values(results, "eco", tcp);
            if (!w.isEmpty() && !t.isEmpty() && median(t) > 0) {
                out.append(String.format(
                        Locale.ROOT,
                        "%neco, %s conns: server CPU per message over WebSocket / over TCP = %.1f / %.1f µs = %.2f%n",
                        conns,
                        median(w),
                        median(t),
                        median(w) / median(t)));
            }
        }
        return out.toString();
    }

    private static List<Double> values(List<Map<String, String>> results, String server, Row row) {
        List<Double> v = new ArrayList<>();
        for (Map<String, String> r : results) {
            if (server.equals(r.get("server")) && row.caseName().equals(r.get("case")) && r.containsKey(row.field())) {
                v.add(Double.parseDouble(r.get(row.field())) * row.scale());
            }
        }
        v.sort(null);
        return v;
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

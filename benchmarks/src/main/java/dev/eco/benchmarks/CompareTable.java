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
 * of its runs, and for each of the {@link #RATIOS} whose two servers ran, the ratio of their medians; then eco's
 * WebSocket against its own TCP. Several files are pooled, so the runs of several compare sessions give one
 * median.
 *
 * <pre>java -cp eco-benchmarks.jar dev.eco.benchmarks.CompareTable results.jsonl [more.jsonl ...]</pre>
 */
public final class CompareTable {

    static final List<String> SERVERS = List.of(
            "eco",
            "eco-awake",
            "eco-untrimmed",
            "eco-jar",
            "eco-base",
            "eco-noidle",
            "eco-metrics",
            "netty-nio",
            "netty-epoll",
            "netty-epoll-trimmed",
            "netty-ws",
            "threads",
            "c-echo");
    /** A column: the ratio of the first server's median to the second's. */
    record Ratio(String server, String baseline) {}

    /**
     * eco against the Netty servers (Netty's WebSocket server in the WebSocket rows); this checkout's eco against
     * another revision's (--base), both started with plain {@code java -jar}.
     */
    static final List<Ratio> RATIOS = List.of(
            new Ratio("eco", "netty-nio"),
            new Ratio("eco", "netty-epoll"),
            new Ratio("eco", "netty-ws"),
            new Ratio("eco-jar", "eco-base"));

    /** A row: the case it reads, the field, how to show it, and whether lower is better. */
    record Row(String caseName, String label, String field, double scale, String format, boolean lowerIsBetter) {}

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
            new Row("hold", "hold: heap per connection, KB", "heap_per_conn", 1 / 1024.0, "%,.1f", true),
            new Row("hold", "hold: server CPU µs per line", "server_cpu_us_per_msg", 1, "%.1f", true));

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
        List<Ratio> ratios = RATIOS.stream()
                .filter(r -> servers.contains(r.server()) && servers.contains(r.baseline()))
                .toList();
        StringBuilder out = new StringBuilder("| figure | ");
        servers.forEach(s -> out.append(s).append(" | "));
        ratios.forEach(
                r -> out.append(r.server()).append(" / ").append(r.baseline()).append(" | "));
        out.append("\n|---|");
        servers.forEach(s -> out.append("---:|"));
        ratios.forEach(r -> out.append("---:|"));
        out.append("\n");
        for (Row row : ROWS) {
            out.append("| ").append(row.label()).append(" | ");
            Map<String, Double> medians = new LinkedHashMap<>();
            for (String s : servers) {
                List<Double> v = values(results, s, row);
                if (v.isEmpty()) {
                    out.append("– | ");
                    continue;
                }
                double median = median(v);
                medians.put(s, median);
                out.append(String.format(Locale.ROOT, row.format(), median));
                if (v.size() > 1) {
                    out.append(String.format(
                            Locale.ROOT, " (" + row.format() + "–" + row.format() + ")", v.getFirst(), v.getLast()));
                }
                out.append(" | ");
            }
            for (Ratio ratio : ratios) {
                Double eco = medians.get(ratio.server());
                Double base = medians.get(ratio.baseline());
                out.append(
                                eco != null && base != null && base != 0
                                        ? String.format(Locale.ROOT, "%.2f", eco / base)
                                        : "–")
                        .append(" | ");
            }
            out.append("\n");
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

#!/usr/bin/env bash
# Soak: one `eco serve` holding about 19,000 connections for a long time under mixed traffic, every reply checked.
#
#   benchmarks/soak/soak.sh [--minutes N] [--echo-connections N]
#
# Load (each in its own process, so that each stays under the 20,000 open files of a process):
#   - eco bench tcp: --echo-connections (default 18,300) line-echo connections, open loop at 3,000 messages/s
#     in all, every reply checked byte for byte (eco bench spreads them over source addresses 127.0.0.x);
#   - eco fanout x 2: two rooms of 100 members, each member sending one message every 2 s (10,000
#     deliveries/s), every delivery checked;
#   - json_clients.py: 500 JSON connections, one message or ping each a second, every reply checked;
# and every 30 s a sample: the server's RSS, its heap after a full GC (jcmd), its open files, and the p99 of a
# 5 s `eco bench tcp -c 50` (closed loop) run through the held load. Results: bench-results/soak-<time>/.
# Needs: a built cli/target/eco.jar (./mvnw -pl cli -am package -DskipTests), python3, and the JDK's jcmd.
set -uo pipefail

minutes=10
echo_connections=18300
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) minutes="$2"; shift 2 ;;
        --echo-connections) echo_connections="$2"; shift 2 ;;
        *) echo "usage: benchmarks/soak/soak.sh [--minutes N] [--echo-connections N]" >&2; exit 2 ;;
    esac
done
cd "$(dirname "$0")/../.." || exit 1
out="bench-results/soak-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
seconds=$((minutes * 60))
jcmd="$(dirname "$(readlink -f "$(command -v java)")")/jcmd"
java25=$(ls -d /usr/lib/jvm/*25*/bin 2>/dev/null | head -1)
[ -n "$java25" ] && jcmd="$java25/jcmd"

./eco serve -p 0 --udp-port off --max-connections 20000 --max-connections-per-address 0 --max-room-members 1000 > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; kill $(jobs -p) 2>/dev/null' EXIT
for _ in $(seq 100); do grep -q 'listening tcp' "$out/server.log" && break; sleep 0.2; done
port=$(grep -o 'listening tcp [0-9.]*:[0-9]*' "$out/server.log" | sed 's/.*://')
[ -n "$port" ] || { echo "the server did not start: $(cat "$out/server.log")" >&2; exit 1; }
echo "server pid $server on port $port; results in $out"

load=$((seconds + 30))
./eco bench tcp "127.0.0.1:$port" -c "$echo_connections" -r 3000 -d "${load}s" -w 20s -t 10s --json \
    > "$out/bench.json" 2> "$out/bench.err" &
bench=$!
./eco fanout "127.0.0.1:$port" --room soak-a -m 100 -r 0.5 -d "${load}s" -w 20s --json > "$out/fanout-a.json" 2>&1 &
fan_a=$!
./eco fanout "127.0.0.1:$port" --room soak-b -m 100 -r 0.5 -d "${load}s" -w 20s --json > "$out/fanout-b.json" 2>&1 &
fan_b=$!
python3 benchmarks/soak/json_clients.py 127.0.0.1 "$port" 500 $((load + 20)) 1 > "$out/json.txt" 2>&1 &
json=$!

# Wait for the connections to be up before the clock starts.
for _ in $(seq 120); do
    held=$(ls /proc/$server/fd | wc -l)
    [ "$held" -ge $((echo_connections + 700)) ] && break
    sleep 1
done
echo "connections up: $(ls /proc/$server/fd | wc -l) open files in the server"

printf 'minute\tserver_open_files\trss_mib\theap_after_gc_mib\tprobe_p99_ms\tprobe_errors\n' | tee "$out/samples.tsv"
start=$(date +%s)
while [ $(( $(date +%s) - start )) -lt "$seconds" ]; do
    files=$(ls /proc/$server/fd | wc -l)
    rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' /proc/$server/status)
    "$jcmd" $server GC.run > /dev/null
    heap=$("$jcmd" $server GC.heap_info | grep -o 'used [0-9]*K' | head -1 | awk '{printf "%.1f", $2 / 1024}')
    probe=$(./eco bench tcp "127.0.0.1:$port" -c 50 -d 5s -w 1s --json 2>/dev/null)
    p99=$(echo "$probe" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.2f\t%d" % (d["latency_us"]["p99"]/1000, d["errors"]))')
    minute=$(awk -v s=$(( $(date +%s) - start )) 'BEGIN {printf "%.1f", s / 60}')
    printf '%s\t%s\t%s\t%s\t%s\n' "$minute" "$files" "$rss" "$heap" "$p99" | tee -a "$out/samples.tsv"
    sleep $((30 - ($(date +%s) - start) % 30))
done

wait $bench $fan_a $fan_b $json
echo "--- results"
echo "bench: $(cat "$out/bench.json")"
echo "fanout a: $(cat "$out/fanout-a.json")"
echo "fanout b: $(cat "$out/fanout-b.json")"
cat "$out/json.txt"
kill $server
wait $server
echo "server exit status $?"

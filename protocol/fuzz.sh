#!/usr/bin/env bash
# Fuzzes eco's targets for longer than verify does, one after another, and prints the executions each
# reached: the protocol's five (ws: the WebSocket decoder), and udp (the UDP answers, in app). Findings land in the target's inputs folder,
# protocol/src/test/resources/dev/eco/protocol/fuzz/<Class>Inputs/<method>/ or
# app/src/test/resources/dev/eco/server/udp/<Class>Inputs/<method>/ (commit them: they become regression
# inputs); the growing corpus in protocol/.cifuzz-corpus/ and app/.cifuzz-corpus/ (not committed) is reused by
# the next run. See docs/fuzzing.md.
#
#   protocol/fuzz.sh [--seconds N] [frames] [json] [codec] [text] [ws] [udp]
#
# --seconds N: how long to fuzz each target (default 600). Without target names, all six run.
set -uo pipefail

usage() {
    echo "usage: protocol/fuzz.sh [--seconds N] [frames] [json] [codec] [text] [ws] [udp]" >&2
    exit 2
}

seconds=600
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds)
            [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "--seconds needs a whole number above 0" >&2; usage; }
            seconds="$2"
            shift 2
            ;;
        frames | json | codec | text | ws | udp)
            targets+=("$1")
            shift
            ;;
        -h | --help) usage ;;
        *)
            echo "unknown argument: $1" >&2
            usage
            ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(frames json codec text ws udp)

cd "$(dirname "$0")/.." || exit 1
logs=protocol/target/fuzz-logs
mkdir -p "$logs"

# Compile once, so that each target's run below is only its fuzzing.
./mvnw -q -B -pl app -am test-compile || exit 1

failed=0
summary=()
for target in "${targets[@]}"; do
    log="$logs/$target.log"
    echo "fuzzing $target for ${seconds}s (log: $log)"
    start=$(date +%s)
    # udp lives in app, which needs protocol built alongside (-am); -Dtest=NONE keeps the other tests out.
    if [ "$target" = udp ]; then modules=(-pl app -am); else modules=(-pl protocol); fi
    ./mvnw -B "${modules[@]}" test -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
        -Dfuzz.skip=true "-Dfuzz.skip.$target=false" "-Dfuzz.duration=${seconds}s" > "$log" 2>&1
    status=$?
    elapsed=$(( $(date +%s) - start ))
    # libFuzzer's last lines: "#N DONE ... exec/s: R ..." and "Done N runs in S second(s)".
    done_line=$(grep -E '^Done [0-9]+ runs in' "$log" | tail -1)
    rate=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | sed -E 's/.*exec\/s: ([0-9]+).*/\1/')
    if [ $status -eq 0 ]; then
        result=ok
    else
        result="FAILED (finding or error: see $log)"
        failed=1
    fi
    summary+=("$(printf '%-7s %s, %s exec/s, %ss wall: %s' "$target" "${done_line:-no fuzzing summary}" "${rate:-?}" "$elapsed" "$result")")
done

echo
printf '%s\n' "${summary[@]}"
exit $failed

#!/usr/bin/env bash
# The hostile suite (integration-tests/src/test/java/dev/eco/it/hostile) at larger scales than verify's:
# thousands of slow connections, connect+reset storms and squatters, more UDP sources, a room of 1,000 slow readers. Each test prints what it
# measured (probe round trips, heap and open files before, during and after); this script collects those lines.
#
#   benchmarks/hostile/run.sh [--scale N]      (N multiplies verify's counts; default 10)
#
# The counts stay under the 20,000 open files of the test JVM, which holds the attacking sockets.
set -uo pipefail
scale=10
[ "${1:-}" = "--scale" ] && scale="$2"
cd "$(dirname "$0")/../.." || exit 1
cap() { local n=$(( $1 * scale )); [ "$n" -gt "$2" ] && n=$2; echo "$n"; }
./mvnw -B -pl integration-tests -am verify -Dfuzz.skip=true -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test='dev.eco.it.hostile.*IT' \
    -Dhostile.slow="$(cap 200 8000)" -Dhostile.nonReaders="$(cap 20 1000)" -Dhostile.storm="$(cap 1000 20000)" \
    -Dhostile.udpSources="$(cap 40 250)" -Dhostile.squatters="$(cap 300 5000)" -Dhostile.stormers="$(cap 100 1000)" \
    -Dhostile.deafRooms="$(cap 20 100)" -Dhostile.shutdownClients="$(cap 200 2000)" \
    -Dhostile.slowMembers="$(cap 300 1000)" \
    -Dhostile.limitSeconds=240 -Djunit.jupiter.execution.timeout.default=300s > integration-tests/target/hostile.log 2>&1
status=$?
grep -E "Tests run:|FAIL" integration-tests/target/hostile.log | tail -3
cat integration-tests/target/failsafe-reports/dev.eco.it.hostile.*-output.txt | grep -E ': |after|SIGTERM' | grep -v '^\s*at '
exit $status

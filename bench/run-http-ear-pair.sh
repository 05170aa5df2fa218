#!/usr/bin/env bash
# Decisions over HTTP on two builds of the platform, alternating: for each round and each EAR a fresh trunkline_bench
# database, ./trunkline run with that EAR deployed (TRUNKLINE_EAR; the edge nodes and the load's client are this
# tree's build), 30 s to settle, a minute of bench/run-http-bench.sh RATE 60 to warm the JIT, then the measured
# minute with the machine's speed probe (bench/machine-speed.sh) before it and the CPU WildFly spent over it
# (/proc/<pid>/stat) per decision, the load tool's 3,000 warm-up decisions counted in; then ./trunkline stop. Needs
# PostgreSQL with the role trunkline; PSQL_ADMIN runs psql as a role that may drop and create databases.
# Usage: bench/run-http-ear-pair.sh RATE ROUNDS EAR...
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:?rate}
ROUNDS=${2:?rounds}
shift 2
[ $# -ge 1 ] || { echo "usage: $0 RATE ROUNDS EAR..." >&2; exit 2; }
PSQL_ADMIN=${PSQL_ADMIN:-runuser -u postgres -- psql}
OUT=bench/target/http-ear-pair.txt
mkdir -p bench/target
. bench/machine-speed.sh
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
for round in $(seq 1 "$ROUNDS"); do
  for ear in "$@"; do
    $PSQL_ADMIN -qc "DROP DATABASE IF EXISTS trunkline_bench" -c "CREATE DATABASE trunkline_bench OWNER trunkline"
    TRUNKLINE_EAR="$(realpath "$ear")" TRUNKLINE_RTPENGINE=off \
      TRUNKLINE_DB_URL=jdbc:postgresql://127.0.0.1:5432/trunkline_bench ./trunkline run > bench/target/run-ear-pair.log 2>&1
    sleep 30
    wf=$(pgrep -f jboss-modules | head -1)
    bench/run-http-bench.sh "$RATE" 60 > bench/target/http-ear-warm.txt 2>&1
    probe=$(machine_speed)
    a=$(cpu "$wf")
    bench/run-http-bench.sh "$RATE" 60 > bench/target/http-ear-measured.txt 2>&1
    a2=$(cpu "$wf")
    printf '%s round %d %s: probe %s s, WildFly %s ms of CPU a decision | %s\n' "$(date -u +%H:%M)" "$round" "$ear" "$probe" \
      "$(echo "scale=3; ($a2 - $a) * 1000 / $HZ / ($RATE * 60 + 3000)" | bc)" \
      "$(grep -o 'failed [0-9]*.*' bench/target/http-ear-measured.txt | head -1)" | tee -a "$OUT"
    ./trunkline stop > /dev/null 2>&1
  done
done

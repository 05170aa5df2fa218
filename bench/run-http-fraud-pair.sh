#!/usr/bin/env bash
# Decisions over HTTP with the fraud stage off and on, the same hour: for each mode a fresh trunkline_bench database,
# ./trunkline run, 30 s to settle, then two consecutive minutes of bench/run-http-bench.sh RATE 60 (the first minute
# meets a cold JIT, the second a warm one), each with the CPU WildFly and both edge nodes spent over it
# (/proc/<pid>/stat), then ./trunkline stop. Needs PostgreSQL with the role trunkline; PSQL_ADMIN runs psql as a
# role that may drop and create databases. Usage: bench/run-http-fraud-pair.sh [RATE] [MODES]
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-400}
MODES=${2:-"off on"}
PSQL_ADMIN=${PSQL_ADMIN:-runuser -u postgres -- psql}
OUT=bench/target/http-fraud-pair.txt
mkdir -p bench/target
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
for mode in $MODES; do
  $PSQL_ADMIN -qc "DROP DATABASE IF EXISTS trunkline_bench" -c "CREATE DATABASE trunkline_bench OWNER trunkline"
  TRUNKLINE_JAVA_OPTS="-Xms1g -Xmx2g -Dtrunkline.fraud.screening=$mode" \
    TRUNKLINE_DB_URL=jdbc:postgresql://127.0.0.1:5432/trunkline_bench ./trunkline run > "bench/target/run-$mode.log" 2>&1
  sleep 30
  wf=$(pgrep -f jboss-modules | head -1); e1=$(cat run/edge-1.pid); e2=$(cat run/edge-2.pid)
  for minute in 1 2; do
    a=$(cpu "$wf"); b=$(cpu "$e1"); c=$(cpu "$e2")
    bench/run-http-bench.sh "$RATE" 60 > "bench/target/http-$mode-$minute.txt" 2>&1
    a2=$(cpu "$wf"); b2=$(cpu "$e1"); c2=$(cpu "$e2")
    printf '%s fraud %s minute %d: WildFly %s CPU-s, edge nodes %s CPU-s | %s\n' "$(date -u +%H:%M)" "$mode" "$minute" \
      "$(echo "scale=1; ($a2 - $a) / $HZ" | bc)" "$(echo "scale=1; ($b2 - $b + $c2 - $c) / $HZ" | bc)" \
      "$(grep -o 'failed [0-9]*.*' "bench/target/http-$mode-$minute.txt" | tail -1)" | tee -a "$OUT"
  done
  ./trunkline stop > /dev/null 2>&1
done

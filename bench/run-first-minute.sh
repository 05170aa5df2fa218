#!/usr/bin/env bash
# The first minute after start: a fresh trunkline_bench database, `./trunkline run` without the media relay, 30 s
# after it reports running issue #16's call scenario at RATE calls/s for 60 s (bench/run-call-capacity.sh edge,
# WARMUP=0), or with MODE=http the decisions over HTTP (bench/run-http-bench.sh RATE 60); then ./trunkline stop.
# Prints the run's figures and, for WildFly and edge-1, the CPU each kind of thread spent in the 30 s before and in
# the measured minute (from /proc/<pid>/task/*/stat, thread by thread; "C# CompilerThre" are the JIT compilers; a
# thread that ended in between is not counted), so what competes with the calls is named. Needs PostgreSQL with the role trunkline; PSQL_ADMIN runs psql as a role that may drop and
# create databases. Nothing may be running (./trunkline stop). Usage: bench/run-first-minute.sh [RATE] [MODE]
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-200}
MODE=${2:-calls}
PSQL_ADMIN=${PSQL_ADMIN:-runuser -u postgres -- psql}
OUT=bench/target/first-minute
mkdir -p "$OUT"
# Each thread's CPU ticks (user + system) as "tid<TAB>name<TAB>ticks" lines, the name with digits folded.
threads() {
  local t
  for t in /proc/"$1"/task/*; do
    awk -v tid="${t##*/}" '{ s = $0; name = substr(s, index(s, "(") + 1); name = substr(name, 1, index(name, ")") - 1);
           rest = substr(s, index(s, ") ") + 2); split(rest, f, " "); gsub(/[0-9]+/, "#", name);
           print tid "\t" name "\t" f[12] + f[13] }' "$t/stat" 2>/dev/null || true
  done
}
# CPU seconds per kind of thread between two snapshots, largest first: a thread's ticks since the first snapshot
# (all of them for a thread started since; a thread that ended in between is not counted).
spent() {
  local hz
  hz=$(getconf CLK_TCK)
  awk -F'\t' 'NR == FNR { a[$1] = $3; next } { s[$2] += $3 - a[$1] } END { for (n in s) print s[n] "\t" n }' \
    "$1" "$2" > "$OUT/spent"
  awk -F'\t' -v hz="$hz" '{ t += $1 } END { printf "  total %.1f CPU-s\n", t / hz }' "$OUT/spent"
  sort -rn "$OUT/spent" | head -8 | awk -F'\t' -v hz="$hz" '$1 > 0 { printf "  %6.1f s  %s\n", $1 / hz, $2 }'
}
$PSQL_ADMIN -qc "DROP DATABASE IF EXISTS trunkline_bench" -c "CREATE DATABASE trunkline_bench OWNER trunkline"
TRUNKLINE_RTPENGINE=off TRUNKLINE_DB_URL=jdbc:postgresql://127.0.0.1:5432/trunkline_bench ./trunkline run \
  > "$OUT/run.log" 2>&1
up=$(date -u +%T)
wf=$(pgrep -f "java .*jboss-modules" | head -1)
e1=$(cat run/edge-1.pid)
threads "$wf" > "$OUT/wildfly-0"; threads "$e1" > "$OUT/edge-1-0"
sleep 30
threads "$wf" > "$OUT/wildfly-1"; threads "$e1" > "$OUT/edge-1-1"
if [ "$MODE" = http ]; then
  bench/run-http-bench.sh "$RATE" 60 > "$OUT/measured.txt" 2>&1 || true
else
  WARMUP=0 RATES="$RATE" STEP_SECONDS=60 bench/run-call-capacity.sh edge > "$OUT/measured.txt" 2>&1 || true
fi
threads "$wf" > "$OUT/wildfly-2"; threads "$e1" > "$OUT/edge-1-2"
./trunkline stop > /dev/null 2>&1
{
  echo "# $(date -u +%FT%TZ) $(nproc) cores; running at $up; $MODE at $RATE/s for 60 s from 30 s later; code $(git rev-parse --short HEAD)"
  grep -h 'decision path:' "$OUT/run.log" || true
  grep -hE '^edge [0-9]+/s|decisions: ' "$OUT/measured.txt" || tail -3 "$OUT/measured.txt"
  echo "WildFly, the 30 s before:"; spent "$OUT/wildfly-0" "$OUT/wildfly-1"
  echo "WildFly, the measured minute:"; spent "$OUT/wildfly-1" "$OUT/wildfly-2"
  echo "edge-1, the 30 s before:"; spent "$OUT/edge-1-0" "$OUT/edge-1-1"
  echo "edge-1, the measured minute:"; spent "$OUT/edge-1-1" "$OUT/edge-1-2"
} | tee "$OUT/summary.txt"

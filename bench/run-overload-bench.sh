#!/usr/bin/env bash
# Overload: RATE calls/s (twice the node's capacity) offered to edge-1 for SECONDS, over the same path as
# run-edge-bench.sh (SIPp PBX → edge-1 → platform decision → carrier A 503 → carrier B 200 → 1 s hold → BYE),
# with a PBX scenario that accepts a 503 (sip-edge/src/test/resources/sipp/uac-overload.xml, one log line per
# call: answer or refusal, its time from the INVITE, and the refusal's Retry-After). When the load stops, a
# second PBX places RECOVERY_RATE calls/s for 15 s: the last of them refused says how long the node took to
# come back to full service. Needs ./trunkline run (PostgreSQL: TRUNKLINE_DB_URL=...). As root with tcpdump installed,
# the overload's datagrams are also captured and the node's own answer times printed from the capture.
# Usage: bench/run-overload-bench.sh [RATE] [SECONDS] [RECOVERY_RATE]; WARMUP=0 skips the 20 s warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-600}
SECONDS_=${2:-60}
RECOVERY_RATE=${3:-50}
TARGET=127.0.0.1:5080
API=http://127.0.0.1:8080/api/v1
OUT=bench/target/overload-bench
SCEN=sip-edge/src/test/resources/sipp
rm -rf "$OUT"; mkdir -p "$OUT"
# shellcheck source=bench/local-carriers.sh
. bench/local-carriers.sh
point_carriers_at_sipp "$OUT"
reset_bench_fraud
(cd "$OUT" && exec sipp -sf "../../../$SCEN/uas-503.xml" -p 17561 -i 127.0.0.1 -nostdin > carrier-a.out 2>&1) &
CARRIER_A=$!
(cd "$OUT" && exec sipp -sn uas -p 17562 -i 127.0.0.1 -nostdin > carrier-b.out 2>&1) &
CARRIER_B=$!
trap 'kill "$CARRIER_A" "$CARRIER_B" 2>/dev/null || true' EXIT
sleep 1
EDGE_PID=$(pgrep -f 'sip-edge.jar --config .*edge-1.properties' | head -1 || true)
WARMUP=${WARMUP:-20}
if [ "$WARMUP" -gt 0 ]; then
  (cd "$OUT" && timeout $((WARMUP + 60)) sipp -sn uac "$TARGET" -s 9011442071234567 -p 17550 -i 127.0.0.1 \
    -r 100 -m $((100 * WARMUP)) -d 1000 -nostdin -timeout $((WARMUP + 30))s > warmup.out 2>&1) || true
  sleep 3
fi
# The node's own answer times, from the kernel's timestamps (bench/first-answers.py), when tcpdump runs here: SIPp's
# times also hold the generator's own delays on a machine it shares with the node, WildFly and the carriers.
CAPTURE=""
if command -v tcpdump > /dev/null && [ "$(id -u)" = 0 ]; then
  CAPTURE="$OUT/overload.pcap"
  tcpdump -i lo -B 16384 -s 700 -w "$CAPTURE" "udp and port ${TARGET##*:} and port 17550" > "$OUT/tcpdump.out" 2>&1 &
  TCPDUMP=$!
  sleep 1
fi
CPU0=$( [ -n "$EDGE_PID" ] && awk '{print $14+$15}' "/proc/$EDGE_PID/stat" || echo 0)
TOTAL=$((RATE * SECONDS_))
start_ms=$(date +%s%3N)
(cd "$OUT" && timeout $((SECONDS_ + 90)) sipp -sf "../../../$SCEN/uac-overload.xml" "$TARGET" -s 9011442071234567 \
  -p 17550 -i 127.0.0.1 -r "$RATE" -m "$TOTAL" -d 1000 -l $((RATE * 4)) -nostdin -trace_stat -fd 5 \
  -trace_logs -log_file overload-calls.log -timeout $((SECONDS_ + 60))s > overload.out 2>&1) &
LOAD=$!
# The load stops when its last call is offered: SECONDS after it started.
sleep "$SECONDS_"
stop_ms=$(( start_ms + SECONDS_ * 1000 ))
(cd "$OUT" && timeout 90 sipp -sf "../../../$SCEN/uac-overload.xml" "$TARGET" -s 9011442071234567 \
  -p 17551 -i 127.0.0.1 -r "$RECOVERY_RATE" -m $((RECOVERY_RATE * 15)) -d 1000 -nostdin \
  -trace_logs -log_file recovery-calls.log -timeout 60s > recovery.out 2>&1) || true
wait "$LOAD" || true
if [ -n "$CAPTURE" ]; then
  kill "$TCPDUMP" 2>/dev/null || true
  wait "$TCPDUMP" 2>/dev/null || true
fi
CPU1=$( [ -n "$EDGE_PID" ] && awk '{print $14+$15}' "/proc/$EDGE_PID/stat" || echo 0)
HZ=$(getconf CLK_TCK)
cpu=$(echo "scale=1; ($CPU1 - $CPU0) / $HZ / (($(date +%s%3N) - $start_ms) / 1000) * 100" | bc)
# One line per call: answer;<ms>;<epoch ms> or refusal;<ms>;<epoch ms>;Retry-After: <s>.
pct() { # sorted file, quantile in percent
  local n; n=$(wc -l < "$1"); [ "$n" -gt 0 ] || { echo 0; return; }
  sed -n "$(( (n - 1) * $2 / 100 + 1 ))p" "$1"
}
summary() { # calls log, calls offered, epoch ms the load stopped (0: not a recovery run)
  local log=$1 total=$2 stop=$3 a r ra slow failed last
  grep '^answer;' "$log" | cut -d';' -f2 | sort -n > "$log.answer" || true
  grep '^refusal;' "$log" | cut -d';' -f2 | sort -n > "$log.refusal" || true
  a=$(wc -l < "$log.answer"); r=$(wc -l < "$log.refusal")
  ra=$(grep -c '^refusal;.*;Retry-After: [0-9]' "$log" || true)
  slow=$(awk '$1 > 50' "$log.refusal" | wc -l)
  failed=$(( total - a - r ))
  printf 'offered %d; answered %d, refused 503 %d (%d with Retry-After, %d later than 50 ms), failed %d; ' \
    "$total" "$a" "$r" "$ra" "$slow" "$failed"
  printf 'admitted calls successful %s %%; ' "$( [ $((total - r)) -gt 0 ] && echo "scale=3; 100 * $a / ($total - $r)" | bc || echo n/a)"
  printf 'answer time p50 %s ms, p99 %s ms, max %s ms; ' "$(pct "$log.answer" 50)" "$(pct "$log.answer" 99)" "$(pct "$log.answer" 100)"
  printf 'refusal time p50 %s ms, p99 %s ms, max %s ms' "$(pct "$log.refusal" 50)" "$(pct "$log.refusal" 99)" "$(pct "$log.refusal" 100)"
  if [ "$stop" -gt 0 ]; then
    last=$(grep '^refusal;' "$log" | cut -d';' -f3 | sort -n | tail -1 || true)
    printf '; last refusal %s s after the load stopped' "$( [ -n "$last" ] && echo "scale=1; ($last - $stop) / 1000" | bc || echo "(none)")"
  fi
  printf '\n'
}
{
  echo "overload: $RATE calls/s for ${SECONDS_} s to $TARGET, edge-1 CPU ${cpu} % of one core"
  echo "  $(summary "$OUT/overload-calls.log" "$TOTAL" 0)"
  if [ -n "$CAPTURE" ]; then
    echo "  the node's first answers, from the capture ($CAPTURE):"
    python3 bench/first-answers.py "$CAPTURE" "${TARGET##*:}" 50 | sed 's/^/  /'
    echo "  the node's answers and the caller's ACKs, from the same capture:"
    python3 bench/answer-acks.py "$CAPTURE" "${TARGET##*:}" | sed 's/^/    /'
  fi
  echo "recovery: $RECOVERY_RATE calls/s for 15 s from the moment the load stopped"
  echo "  $(summary "$OUT/recovery-calls.log" $((RECOVERY_RATE * 15)) "$stop_ms")"
} | tee "$OUT/summary.txt"

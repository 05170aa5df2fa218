#!/usr/bin/env bash
# Calls per second through the full path: SIPp as the PBX → an edge node → the platform's decision →
# carrier A (a SIPp answering 503) → failover to carrier B (a SIPp answering 200) → 1 s hold → BYE.
# Needs the platform running with the demo data (./trunkline run); points demo carriers A and B at the
# local SIPp carriers. Usage: bench/run-edge-bench.sh [RATE] [SECONDS] [TARGET host:port]
# TARGET may be any SIP proxy or SBC on this machine, to compare side by side. Before the measured run,
# WARMUP seconds (default 20, 0 for none) of calls at 100/s warm both JVMs' JIT; they are not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-300}
SECONDS_=${2:-60}
TARGET=${3:-127.0.0.1:5080}
API=http://127.0.0.1:8080/api/v1
OUT=bench/target/edge-bench
rm -rf "$OUT"; mkdir -p "$OUT"
# shellcheck source=bench/local-carriers.sh
. bench/local-carriers.sh
point_carriers_at_sipp "$OUT"
reset_bench_fraud
SCEN=sip-edge/src/test/resources/sipp
(cd "$OUT" && exec sipp -sf "../../../$SCEN/uas-503.xml" -p 17561 -i 127.0.0.1 -nostdin -trace_stat > carrier-a.out 2>&1) &
CARRIER_A=$!
(cd "$OUT" && exec sipp -sn uas -p 17562 -i 127.0.0.1 -nostdin -trace_stat > carrier-b.out 2>&1) &
CARRIER_B=$!
sleep 1
EDGE_PID=$(pgrep -f 'sip-edge.jar --config .*edge-1.properties' | head -1 || true)
CPU0=$( [ -n "$EDGE_PID" ] && awk '{print $14+$15}' "/proc/$EDGE_PID/stat" || echo 0)
WARMUP=${WARMUP:-20}
if [ "$WARMUP" -gt 0 ]; then
  (cd "$OUT" && timeout $((WARMUP + 60)) sipp -sn uac "$TARGET" -s 9011442071234567 -p 17550 -i 127.0.0.1 \
    -r 100 -m $((100 * WARMUP)) -d 1000 -nostdin -timeout $((WARMUP + 30))s > warmup.out 2>&1) || true
  sleep 3
  CPU0=$( [ -n "$EDGE_PID" ] && awk '{print $14+$15}' "/proc/$EDGE_PID/stat" || echo 0)
fi
TOTAL=$((RATE * SECONDS_))
start=$(date +%s.%N)
since=$(date -u +%Y-%m-%dT%H:%M:%SZ -d "@${start%.*}")
(cd "$OUT" && timeout $((SECONDS_ + 90)) sipp -sn uac "$TARGET" -s 9011442071234567 -p 17550 -i 127.0.0.1 \
  -r "$RATE" -m "$TOTAL" -d 1000 -l $((RATE * 4)) -nostdin -trace_stat -fd 5 -timeout $((SECONDS_ + 60))s \
  > uac.out 2>&1) || true
end=$(date +%s.%N)
CPU1=$( [ -n "$EDGE_PID" ] && awk '{print $14+$15}' "/proc/$EDGE_PID/stat" || echo 0)
kill "$CARRIER_A" "$CARRIER_B" 2>/dev/null || true
stat=$(ls "$OUT"/*uac*_.csv 2>/dev/null | head -1)
ok=$(tail -1 "$stat" | awk -F';' '{print $16}')
failed=$(tail -1 "$stat" | awk -F';' '{print $18}')
wall=$(echo "$end - $start" | bc)
HZ=$(getconf CLK_TCK)
cpu=$(echo "scale=1; ($CPU1 - $CPU0) / $HZ / $wall * 100" | bc)
heap=$( [ -n "$EDGE_PID" ] && jstat -gc "$EDGE_PID" | tail -1 | awk '{printf "%.0f MB used of %.0f MB", ($3+$4+$6+$8)/1024, ($1+$2+$5+$7)/1024}' || echo n/a)
# The platform's stored records of these calls (the edge delivers them over SIP after each call ends).
stored=n/a
if [ -n "$EDGE_PID" ]; then
  for _ in $(seq 1 30); do
    stored=$(curl -s -u oscar:oscar "$API/calls?pbx=hq-cucm&from=$since&limit=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
    [ "$stored" = "$ok" ] && break
    sleep 2
  done
fi
echo "target $TARGET: $TOTAL calls offered at $RATE/s over ${SECONDS_} s; successful $ok, failed $failed;" \
  "wall ${wall%.*} s; edge-1 CPU ${cpu} % of one core, heap $heap; call records stored by the platform: $stored" \
  | tee "$OUT/summary.txt"

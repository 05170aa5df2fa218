#!/usr/bin/env bash
# Calls with audio through an edge node, media relayed by rtpengine (MEDIA=on, default) or passed through (MEDIA=off):
# SIPp as the PBX plays Debian's G.711 pcap (236 packets, 7 s) in every answered call and hangs up after 8 s;
# carrier A (SIPp) answers 503, carrier B (SIPp) answers and echoes the audio back (-rtp_echo). The node is a third
# edge node (bench-media, SIP 127.0.0.1:5094, cluster 5703) joined to the cluster of a running platform; with media
# on it drives its own rtpengine (userspace, control 127.0.0.1:2243, media ports 40000-59999), so that the CPU of
# both can be read from /proc for the measured run alone. Reports calls offered, successful and failed, the calls up
# at once at the peak, the CPU seconds per call of the node and of rtpengine, and from the node's journal how many
# calls' records count at least 99 % of the pcap's packets each way (relayed in full).
# Needs: ./trunkline run (any database), Debian's sip-tester and rtpengine-daemon.
# Usage: bench/run-edge-media-bench.sh [RATE] [SECONDS]   (MEDIA=off for the same calls without the relay)
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-25}
SECONDS_=${2:-60}
MEDIA=${MEDIA:-on}
API=http://127.0.0.1:8080/api/v1
OUT=bench/target/edge-media-bench-$MEDIA
rm -rf "$OUT"; mkdir -p "$OUT/journal"
curl -sf -o /dev/null http://127.0.0.1:8080/api/v1/health || { echo "the platform is not running (./trunkline run)"; exit 1; }
# shellcheck source=bench/local-carriers.sh
. bench/local-carriers.sh
point_carriers_at_sipp "$OUT"
RTPENGINE_PID=
cleanup() {
  kill "${CARRIER_A:-}" "${CARRIER_B:-}" "${EDGE_PID:-}" 2>/dev/null || true
  [ -n "$RTPENGINE_PID" ] && kill "$RTPENGINE_PID" 2>/dev/null || true
}
trap cleanup EXIT
MEDIA_KEY=
if [ "$MEDIA" = on ]; then
  rtpengine --config-file=none --foreground --log-stderr --table=-1 --no-fallback --interface=127.0.0.1 \
    --listen-ng=127.0.0.1:2243 --port-min=40000 --port-max=59999 --log-level=4 > "$OUT/rtpengine.log" 2>&1 &
  RTPENGINE_PID=$!
  MEDIA_KEY="media.rtpengine=127.0.0.1:2243"
fi
cat > "$OUT/bench-media.properties" <<CONF
node.id=bench-media
sip.address=127.0.0.1
sip.port=5094
sip.transports=udp
cluster.name=trunkline-edge
cluster.address=127.0.0.1
cluster.port=5703
cluster.members=127.0.0.1:5701,127.0.0.1:5702,127.0.0.1:5703
platform.url=http://127.0.0.1:8080
platform.user=edge-1
platform.password=edge-1
pbx.hq-cucm.sources=127.0.0.1:17550
journal.dir=$OUT/journal
overload.enabled=false
$MEDIA_KEY
CONF
java -Xmx256m --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  -jar sip-edge/target/sip-edge.jar --config "$OUT/bench-media.properties" > "$OUT/edge.log" 2>&1 &
EDGE_PID=$!
for _ in $(seq 1 60); do grep -q "open for decisions" "$OUT/edge.log" 2>/dev/null && break; sleep 1; done
SCEN=$PWD/sip-edge/src/test/resources/sipp
(cd "$OUT" && exec sipp -sf "$SCEN/uas-503.xml" -p 17561 -i 127.0.0.1 -nostdin > carrier-a.out 2>&1) &
CARRIER_A=$!
(cd "$OUT" && exec sipp -sf "$SCEN/uas-media.xml" -p 17562 -mp 16600 -rtp_echo -i 127.0.0.1 -nostdin > carrier-b.out 2>&1) &
CARRIER_B=$!
sleep 1
cpu() { [ -n "$1" ] && awk '{print $14+$15}' "/proc/$1/stat" || echo 0; }
HZ=$(getconf CLK_TCK)
# A short warm-up at 10 calls/s (not counted), then the measured run.
(cd "$OUT" && timeout 60 sipp -sf "$SCEN/uac-media.xml" 127.0.0.1:5094 -s 9011442071234567 -p 17550 -mp 16400 \
  -i 127.0.0.1 -r 10 -m 100 -l 1000 -nostdin -timeout 50s > warmup.out 2>&1) || true
sleep 2
# The journal's last sequence number after the warm-up (its segments: bench-media.journal and .00000n).
journal() { cat "$OUT"/journal/bench-media.journal* 2>/dev/null | grep '^E ' || true; }
WARM=$(journal | awk '{if ($2+0 > m) m=$2+0} END {print m+0}')
E0=$(cpu "$EDGE_PID"); R0=$(cpu "$RTPENGINE_PID")
TOTAL=$((RATE * SECONDS_))
start=$(date +%s.%N)
(cd "$OUT" && timeout $((SECONDS_ + 120)) sipp -sf "$SCEN/uac-media.xml" 127.0.0.1:5094 -s 9011442071234567 -p 17550 \
  -mp 16400 -i 127.0.0.1 -r "$RATE" -m "$TOTAL" -l $((RATE * 20)) -nostdin -trace_stat -fd 5 \
  -timeout $((SECONDS_ + 100))s > uac.out 2>&1) || true
end=$(date +%s.%N)
sleep 2
E1=$(cpu "$EDGE_PID"); R1=$(cpu "$RTPENGINE_PID")
stat=$(ls "$OUT"/*uac*_.csv 2>/dev/null | head -1)
ok=$(tail -1 "$stat" | awk -F';' '{print $16}')
failed=$(tail -1 "$stat" | awk -F';' '{print $18}')
peak=$(awk -F';' 'NR>1 {if ($14+0 > m) m=$14+0} END {print m+0}' "$stat")
wall=$(echo "$end - $start" | bc)
edge_call=$(echo "scale=2; ($E1 - $E0) / $HZ * 1000 / ($ok + 0.0001)" | bc)
rtp_call=$(echo "scale=2; ($R1 - $R0) / $HZ * 1000 / ($ok + 0.0001)" | bc)
edge_pct=$(echo "scale=1; ($E1 - $E0) * 100 / $HZ / $wall" | bc)
rtp_pct=$(echo "scale=1; ($R1 - $R0) * 100 / $HZ / $wall" | bc)
# Relayed in full: both sides' packet counts in the record at least 99 % of the pcap's 236.
full=$(journal | WARM=$WARM python3 -c '
import os, sys, json
full = 0
for line in sys.stdin:
    if int(line.split(" ", 2)[1]) <= int(os.environ["WARM"]):
        continue
    r = json.loads(line.split(" ", 3)[3])
    legs = {m["side"]: m["packets"] for m in r.get("media", [])}
    if len(legs) == 2 and min(legs.values()) >= 234:
        full += 1
print(full)')
echo "media $MEDIA: $TOTAL calls offered at $RATE/s over ${SECONDS_} s (8 s each with audio); successful $ok, failed $failed;" \
  "peak $peak calls up at once; wall ${wall%.*} s; node CPU ${edge_pct} % of a core, ${edge_call} ms a call;" \
  "rtpengine CPU ${rtp_pct} % of a core, ${rtp_call} ms a call; relayed in full (both sides >= 99 % of 236 packets): $full" \
  | tee "$OUT/summary.txt"

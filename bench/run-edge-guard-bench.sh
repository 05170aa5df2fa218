#!/usr/bin/env bash
# What a refused source's requests cost an edge node: the node's CPU time (user + system, from /proc) for
# COUNT large INVITEs (an 8 KB body, every header valid, so the stack parses them and the layers above see
# them) sent over UDP from an unknown source (127.0.0.2), minus the node's idle CPU over as long, in three modes:
#   off      security.enabled=false: each INVITE gets a server transaction, a 403 and a journaled rejection
#   unknown  the guard on, the source never banned (limit raised): a stateless 403 each, no transaction
#   banned   the guard on, the source banned first (a scanner User-Agent): each INVITE dropped after a lookup
# One node, no platform, nothing else running. Usage: bench/run-edge-guard-bench.sh [COUNT] [RATE]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-10000}
RATE=${2:-4000}
OUT=bench/target/edge-guard-bench
rm -rf "$OUT"; mkdir -p "$OUT"
JAR=sip-edge/target/sip-edge.jar
[ -f "$JAR" ] || mvn -o -B -q -pl sip-edge -am package -DskipTests
SIP=17960
TICK=$(getconf CLK_TCK)

cpu_ms() { awk -v t="$TICK" '{print ($14 + $15) * 1000 / t}' "/proc/$1/stat"; }

send() { # send COUNT RATE USER_AGENT: COUNT INVITEs from 127.0.0.2 at RATE per second
  python3 - "$1" "$2" "$3" "$SIP" <<'PY'
import socket, sys, time
count, rate, ua, port = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.2", 0))
lp = s.getsockname()[1]; body = ("a=x-pad:" + "x" * 90 + "\r\n") * 80
start = time.monotonic()
for i in range(count):
    msg = (f"INVITE sip:100@127.0.0.1:{port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:{lp};branch=z9hG4bK-g{i}\r\n"
           f"From: <sip:a@127.0.0.2>;tag={i}\r\nTo: <sip:100@127.0.0.1>\r\nCall-ID: guard-{i}@127.0.0.2\r\n"
           f"CSeq: 1 INVITE\r\nContact: <sip:a@127.0.0.2:{lp}>\r\nMax-Forwards: 70\r\nUser-Agent: {ua}\r\n"
           f"Content-Type: application/sdp\r\nContent-Length: {len(body)}\r\n\r\n{body}")
    s.sendto(msg.encode(), ("127.0.0.1", port))
    delay = start + (i + 1) / rate - time.monotonic()
    if delay > 0:
        time.sleep(delay)
PY
}

run_mode() {
  local mode=$1 props="$OUT/$1.properties"
  {
    echo "node.id=bench-guard"; echo "sip.port=$SIP"; echo "cluster.port=17971"
    echo "cluster.members=127.0.0.1:17971"; echo "journal.dir=$OUT/journal-$mode"
    echo "platform.url=http://127.0.0.1:9"
    case $mode in
      off) echo "security.enabled=false" ;;
      unknown) echo "security.source-limit=100000000"; echo "security.sweep.users=100000000" ;;
      banned) echo "security.ban-seconds=3600" ;;
    esac
  } > "$props"
  java -Xmx256m --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
    --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    -jar "$JAR" --config "$props" > "$OUT/$mode.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do grep -q "ready" "$OUT/$mode.log" && break; sleep 0.5; done
  [ "$mode" = banned ] && send 1 1 friendly-scanner
  # Warm the JIT on the same path with as many requests, then let the node settle.
  send "$COUNT" "$RATE" bench-client; sleep 3
  local seconds; seconds=$(python3 -c "print(max(1, round($COUNT / $RATE)) + 2)")
  local i0 i1 c0 c1
  i0=$(cpu_ms $pid); sleep "$seconds"; i1=$(cpu_ms $pid)
  c0=$(cpu_ms $pid); send "$COUNT" "$RATE" bench-client; sleep 2; c1=$(cpu_ms $pid)
  local refused; refused=$(grep -c "refused 403" "$OUT/$mode.log" || true)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  python3 -c "print(f'$mode: {($c1 - $c0) - ($i1 - $i0):.0f} ms CPU per $COUNT INVITEs (busy {$c1 - $c0:.0f} ms, idle {$i1 - $i0:.0f} ms over {$seconds} s; INVITEs refused and journaled by Admission, warm-up included: $refused)')"
}

for m in off unknown banned; do
  run_mode "$m" | tee -a "$OUT/result.txt"
done

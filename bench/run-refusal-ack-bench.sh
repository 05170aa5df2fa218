#!/usr/bin/env bash
# What the ACKs of overload refusals cost an edge node: the node's CPU time (user + system, from /proc) for COUNT
# ACKs as a caller sends them for the 503s of overload control (RFC 3261 17.1.1.3: the INVITE's branch, the 503's To
# tag "overload"), sent over UDP at RATE per second, minus the node's idle CPU over as long. Each ACK has no
# transaction and no call to go to: the node either parses it in the stack and finds nothing (before), or drops it as
# it comes off the wire (EarlyRefusal, after). One node, no platform, nothing else running; the source's request limit
# raised so that the attack defence does not ban the sender. Run it on two builds for an A/B.
# Usage: bench/run-refusal-ack-bench.sh [COUNT] [RATE] [JAR]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-20000}
RATE=${2:-4000}
JAR=${3:-sip-edge/target/sip-edge.jar}
OUT=bench/target/refusal-ack-bench
rm -rf "$OUT"; mkdir -p "$OUT"
[ -f "$JAR" ] || mvn -o -B -q -pl sip-edge -am package -DskipTests
SIP=17962
TICK=$(getconf CLK_TCK)

cpu_ms() { awk -v t="$TICK" '{print ($14 + $15) * 1000 / t}' "/proc/$1/stat"; }

send() { # send COUNT RATE: COUNT ACKs of refused INVITEs from 127.0.0.1 at RATE per second
  python3 - "$1" "$2" "$SIP" <<'PY'
import socket, sys, time
count, rate, port = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0))
lp = s.getsockname()[1]
start = time.monotonic()
for i in range(count):
    msg = (f"ACK sip:442071234567@127.0.0.1:{port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{lp};branch=z9hG4bK-r{i};rport\r\n"
           f"From: sipp <sip:sipp@127.0.0.1:{lp}>;tag={i}\r\nTo: <sip:442071234567@127.0.0.1:{port}>;tag=overload\r\n"
           f"Call-ID: {i}-refused@127.0.0.1\r\nCSeq: 1 ACK\r\nContact: <sip:sipp@127.0.0.1:{lp}>\r\n"
           f"Max-Forwards: 70\r\nSubject: Performance Test\r\nContent-Length: 0\r\n\r\n")
    s.sendto(msg.encode(), ("127.0.0.1", port))
    delay = start + (i + 1) / rate - time.monotonic()
    if delay > 0:
        time.sleep(delay)
PY
}

props="$OUT/node.properties"
{
  echo "node.id=bench-ack"; echo "sip.port=$SIP"; echo "cluster.port=17973"
  echo "cluster.members=127.0.0.1:17973"; echo "journal.dir=$OUT/journal"
  echo "platform.url=http://127.0.0.1:9"
  echo "security.source-limit=100000000"; echo "security.sweep.users=100000000"
} > "$props"
java -Xmx256m --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  -jar "$JAR" --config "$props" > "$OUT/node.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do grep -q "ready" "$OUT/node.log" && break; sleep 0.5; done
# Warm the JIT on the same path with as many ACKs, then let the node settle.
send "$COUNT" "$RATE"; sleep 3
seconds=$(python3 -c "print(max(1, round($COUNT / $RATE)) + 2)")
i0=$(cpu_ms $pid); sleep "$seconds"; i1=$(cpu_ms $pid)
c0=$(cpu_ms $pid); send "$COUNT" "$RATE"; sleep 2; c1=$(cpu_ms $pid)
kill "$pid"; wait "$pid" 2>/dev/null || true
dropped=$(grep -o "ACKs of overload refusals dropped on arrival: [0-9]*" "$OUT/node.log" | grep -o "[0-9]*$" || echo "n/a")
python3 -c "print(f'{($c1 - $c0) - ($i1 - $i0):.0f} ms CPU per $COUNT ACKs of refusals (busy {$c1 - $c0:.0f} ms, idle {$i1 - $i0:.0f} ms over {$seconds} s); dropped on arrival: $dropped')" \
  | tee "$OUT/result.txt"

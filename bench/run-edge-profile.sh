#!/usr/bin/env bash
# Where an edge node's CPU goes under load: JFR (profile settings) on edge-1 while bench/run-edge-bench.sh offers
# RATE calls/s for SECONDS (the full path: SIPp PBX → edge-1 → platform decision → carrier A 503 → B 200 → 1 s → BYE),
# then the execution samples split by component: each sample is charged to the first frame from the top of its stack
# that is not the JDK's own (java.*, jdk.*, sun.*), grouped by what that code is (JAIN-SIP, the decision client,
# Hazelcast, journal, event delivery, logging, the B2BUA...), samples wholly inside the JDK by their top frame's
# package; with the GC's pause total and the node's CPU from /proc over the same run.
# Needs ./trunkline run. Usage: bench/run-edge-profile.sh [RATE] [SECONDS]   (200, 60)
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-200}
SECONDS_=${2:-60}
OUT=bench/target/edge-profile
rm -rf "$OUT"; mkdir -p "$OUT"
EDGE_PID=$(pgrep -f 'sip-edge.jar --config .*edge-1.properties' | head -1 || true)
[ -n "$EDGE_PID" ] || { echo "edge-1 is not running (./trunkline run)"; exit 1; }
jcmd "$EDGE_PID" JFR.start name=edge-profile settings=profile filename="$PWD/$OUT/edge-1.jfr" > /dev/null
WARMUP=${WARMUP:-20} bench/run-edge-bench.sh "$RATE" "$SECONDS_" | tee "$OUT/bench.txt"
jcmd "$EDGE_PID" JFR.stop name=edge-profile > /dev/null
jfr print --stack-depth 64 --events jdk.ExecutionSample "$OUT/edge-1.jfr" > "$OUT/samples.txt"
jfr print --events jdk.GarbageCollection "$OUT/edge-1.jfr" > "$OUT/gc.txt"
python3 - "$OUT" <<'PY' | tee "$OUT/split.txt"
import re, sys, collections
out = sys.argv[1]
components = [
    ("gov.nist.", "SIP stack (JAIN-SIP RI: parsing, transactions, dialogs)"),
    ("javax.sip.", "SIP stack (JAIN-SIP RI: parsing, transactions, dialogs)"),
    ("io.trunkline.edge.routing.", "decision client (HTTP to the platform, fallback)"),
    ("com.hazelcast.", "Hazelcast (cluster counters, maps, heartbeats)"),
    ("io.trunkline.edge.cluster.", "Hazelcast (cluster counters, maps, heartbeats)"),
    ("io.trunkline.edge.cdr.", "journal"),
    ("io.trunkline.edge.events.", "event delivery (NOTIFY batches)"),
    ("org.apache.log4j.", "logging"), ("org.slf4j.", "logging"),
    ("io.trunkline.edge.b2bua.", "B2BUA (calls, attempts, dialect, records)"),
    ("io.trunkline.edge.security.", "source guard"), ("io.trunkline.edge.overload.", "overload control"),
    ("io.trunkline.edge.transport.", "SIP transport glue (dispatcher, receive gate)"),
    ("io.trunkline.edge.stir.", "STIR/SHAKEN"), ("io.trunkline.edge.media.", "media relay control"),
    ("io.trunkline.contract.", "contract (JSON, value objects)"),
    ("com.google.i18n.phonenumbers.", "libphonenumber"),
]
jdk = ("java.", "jdk.", "sun.", "javax.crypto", "com.sun.")
def component(frames):
    for f in frames:
        if not f.startswith(jdk):
            for prefix, name in components:
                if f.startswith(prefix):
                    return name
            return "other: " + ".".join(f.split(".")[:3])
    top = frames[0] if frames else "?"
    if "net.http" in top: return "decision client (HTTP to the platform, fallback)"
    if top.startswith(("sun.nio.ch.", "java.net.", "sun.net.")): return "JDK networking (sockets)"
    return "JDK only: " + ".".join(top.split(".")[:2])
counts = collections.Counter()
total = 0
frames = []
for line in open(out + "/samples.txt"):
    line = line.strip()
    if line.startswith("jdk.ExecutionSample"):
        if frames: counts[component(frames)] += 1; total += 1
        frames = []
    m = re.match(r"([\w.$]+)\.[\w$<>]+\(", line)
    if m and "line:" in line:
        frames.append(m.group(1))
if frames: counts[component(frames)] += 1; total += 1
print(f"{total} execution samples of edge-1 (JFR, profile settings: a Java thread sampled every 10 ms of its CPU)")
for name, n in counts.most_common(20):
    print(f"{100.0 * n / total:5.1f} %  {name}")
pauses = [float(x) for x in re.findall(r"sumOfPauses = ([\d.]+) ms", open(out + "/gc.txt").read())]
print(f"GC: {len(pauses)} collections, {sum(pauses):.0f} ms of pauses in all")
PY
echo "raw: $OUT/edge-1.jfr (open it with JDK Mission Control), $OUT/split.txt"

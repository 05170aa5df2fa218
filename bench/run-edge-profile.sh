#!/usr/bin/env bash
# Where the call path's CPU goes under load: JFR (profile settings) on edge-1 and on WildFly while
# bench/run-call-capacity.sh offers RATE calls/s for SECONDS to the edge (issue #16's scenario: SIPp PBX → edge-1 →
# platform decision → carrier A, 503 to one call in five → B → 1 s → BYE), then each JVM's execution samples split
# by component: each sample is charged to the first frame from the top of its stack that is not the JDK's own
# (java.*, jdk.*, sun.*), grouped by what that code is (JAIN-SIP, the decision client, Hazelcast, journal, event
# delivery, logging, the B2BUA...; on the platform: HTTP, JAX-RS, rules, Camel, JDBC...), samples wholly inside the
# JDK by their top frame's package; with each JVM's GC pause total.
# Needs ./trunkline run. Usage: bench/run-edge-profile.sh [RATE] [SECONDS]   (200, 60)
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-200}
SECONDS_=${2:-60}
OUT=bench/target/edge-profile
rm -rf "$OUT"; mkdir -p "$OUT"
EDGE_PID=$(pgrep -f 'sip-edge.jar --config .*edge-1.properties' | head -1 || true)
[ -n "$EDGE_PID" ] || { echo "edge-1 is not running (./trunkline run)"; exit 1; }
WILDFLY_PID=$(pgrep -f 'jboss-modules.jar' | head -1 || true)
jcmd "$EDGE_PID" JFR.start name=edge-profile settings=profile filename="$PWD/$OUT/edge-1.jfr" > /dev/null
[ -z "$WILDFLY_PID" ] || jcmd "$WILDFLY_PID" JFR.start name=platform-profile settings=profile filename="$PWD/$OUT/wildfly.jfr" > /dev/null
RATES=$RATE STEP_SECONDS=$SECONDS_ WARMUP=${WARMUP:-20} bench/run-call-capacity.sh edge | tee "$OUT/bench.txt"
jcmd "$EDGE_PID" JFR.stop name=edge-profile > /dev/null
[ -z "$WILDFLY_PID" ] || jcmd "$WILDFLY_PID" JFR.stop name=platform-profile > /dev/null
for j in edge-1 wildfly; do
  [ -f "$OUT/$j.jfr" ] || continue
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$OUT/$j.jfr" > "$OUT/$j-samples.txt"
  jfr print --events jdk.GarbageCollection "$OUT/$j.jfr" > "$OUT/$j-gc.txt"
done
for j in edge-1 wildfly; do [ -f "$OUT/$j.jfr" ] || continue
python3 - "$OUT" "$j" <<'PY' | tee "$OUT/split-$j.txt"
import re, sys, collections
out, jvm = sys.argv[1], sys.argv[2]
platform = [
    ("io.undertow.", "HTTP server (Undertow)"), ("org.xnio.", "HTTP server (Undertow)"),
    ("org.jboss.resteasy.", "JAX-RS (RESTEasy)"), ("org.glassfish.json.", "JSON-P"), ("org.eclipse.yasson.", "JSON-B"),
    ("org.drools.", "rules (Drools)"), ("org.kie.", "rules (Drools)"), ("org.mvel2.", "rules (Drools)"),
    ("org.apache.camel.component.sip.", "SIP events in (Camel SIP, JAIN-SIP)"), ("gov.nist.", "SIP events in (Camel SIP, JAIN-SIP)"),
    ("javax.sip.", "SIP events in (Camel SIP, JAIN-SIP)"), ("org.apache.camel.", "Camel"),
    ("org.postgresql.", "JDBC (PostgreSQL driver)"), ("org.h2.", "JDBC (H2)"), ("org.jboss.jca.", "JDBC pool (IronJacamar)"),
    ("org.hibernate.", "JPA (Hibernate)"), ("com.arjuna.", "transactions (Narayana)"), ("org.jboss.as.", "EJB/container"),
    ("org.jboss.invocation.", "EJB/container"), ("org.jboss.weld.", "CDI (Weld)"), ("org.jboss.ejb", "EJB/container"),
    ("org.wildfly.", "EJB/container"), ("org.jboss.logmanager.", "logging"), ("org.jboss.logging.", "logging"),
    ("com.hazelcast.", "Hazelcast client"), ("io.trunkline.ejb.routing.", "platform: routing decisions"),
    ("io.trunkline.ejb.fraud.", "platform: fraud"), ("io.trunkline.ejb.calls.", "platform: call records"),
    ("io.trunkline.ejb.cdr.", "platform: call records"), ("io.trunkline.ejb.metrics.", "platform: metrics"),
    ("io.trunkline.ejb.", "platform: other"), ("io.trunkline.camel.", "platform: Camel routes"),
    ("io.trunkline.web.", "platform: REST resources"),
    ("io.trunkline.contract.", "contract (JSON, value objects)"), ("com.google.i18n.phonenumbers.", "libphonenumber"),
]
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
if jvm == "wildfly":
    components = platform
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
for line in open(out + "/" + jvm + "-samples.txt"):
    line = line.strip()
    if line.startswith("jdk.ExecutionSample"):
        if frames: counts[component(frames)] += 1; total += 1
        frames = []
    m = re.match(r"([\w.$]+)\.[\w$<>]+\(", line)
    if m and "line:" in line:
        frames.append(m.group(1))
if frames: counts[component(frames)] += 1; total += 1
print(f"{total} execution samples of {jvm} (JFR, profile settings: a Java thread sampled every 10 ms of its CPU)")
for name, n in counts.most_common(25):
    print(f"{100.0 * n / total:5.1f} %  {name}")
pauses = [float(x) for x in re.findall(r"sumOfPauses = ([\d.]+) ms", open(out + "/" + jvm + "-gc.txt").read())]
print(f"GC: {len(pauses)} collections, {sum(pauses):.0f} ms of pauses in all")
PY
done
echo "raw: $OUT/edge-1.jfr, $OUT/wildfly.jfr (open them with JDK Mission Control); split: $OUT/split-*.txt"

#!/usr/bin/env bash
# Whether a redeployment of the EAR into a running WildFly leaves the deployment before it behind: against the
# platform `./trunkline run` started, REDEPLOYS times the deployment scanner is told to deploy the EAR again (its
# .dodeploy marker) and the new deployment awaited; after each, a full collection (`jcmd GC.run`) and then the count
# of the deployment's class loaders alive (JBoss Modules loaders of more than 3,000 classes: the EAR's lib/ and its
# modules), the Metaspace used, and WildFly's live threads by name with the digits taken out. A deployment that
# leaves nothing behind keeps the loader count and the thread names flat from the first redeployment on.
# Usage: bench/run-redeploy-check.sh [REDEPLOYS]   (default 4)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-4}
D=run/wildfly/standalone/deployments
OUT=bench/target/redeploy-check
mkdir -p "$OUT"
[ -f "$D/trunkline.ear.deployed" ] || { echo "no deployed trunkline.ear under $D: start the platform first" >&2; exit 1; }
PID=$(pgrep -f "jboss-modules.jar.*$(pwd)/run/wildfly" | head -1)
[ -n "$PID" ] || PID=$(pgrep -f "jboss-modules.jar" | head -1)

snapshot() {
  local label=$1
  jcmd "$PID" GC.run > /dev/null
  sleep 2
  jcmd "$PID" GC.run > /dev/null
  local loaders meta
  loaders=$(jcmd "$PID" VM.classloader_stats | awk '/ModuleClassLoader/ && $4 > 3000' | wc -l)
  meta=$(jcmd "$PID" VM.metaspace | awk '/^Total Usage/ {f=1} f && /Both:/ {print; exit}' | grep -o '[0-9.]* [KMG]B ( *[0-9]*%) used' | sed 's/ (.*//' || true)
  jcmd "$PID" Thread.print | grep '^"' | sed -E 's/^"([^"]*)".*/\1/; s/[0-9]+/N/g; s/ /_/g' | sort | uniq -c | sort -k2 > "$OUT/threads-$label.txt"
  printf '%-10s loaders>3000 classes: %s  metaspace: %s  threads: %s\n' "$label" "$loaders" "${meta:-?}" \
    "$(awk '{s+=$1} END {print s}' "$OUT/threads-$label.txt")"
}

snapshot start
for i in $(seq 1 "$N"); do
  rm -f "$D/trunkline.ear.deployed"
  touch "$D/trunkline.ear.dodeploy"
  for _ in $(seq 1 240); do
    [ -f "$D/trunkline.ear.deployed" ] && break
    [ -f "$D/trunkline.ear.failed" ] && { echo "redeployment $i failed: $(head -c 600 "$D/trunkline.ear.failed")" >&2; exit 1; }
    sleep 1
  done
  [ -f "$D/trunkline.ear.deployed" ] || { echo "redeployment $i not deployed within 240 s" >&2; exit 1; }
  sleep 10
  snapshot "redeploy-$i"
done
echo "threads by name whose count moved from the first redeployment to the last:"
join -1 2 -2 2 -a 1 -a 2 -e 0 -o 0,1.1,2.1 <(awk '{print $1, $2}' "$OUT/threads-redeploy-1.txt" | sort -k2) \
  <(awk '{print $1, $2}' "$OUT/threads-redeploy-$N.txt" | sort -k2) | awk '$2 != $3 {print "  " $1 ": " $2 " -> " $3}'

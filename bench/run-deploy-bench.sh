#!/usr/bin/env bash
# How long the platform takes to deploy and to stop, as the test suite and an ops engineer's restart see it: a copy
# of the provisioned server (server/target, configured for DB_URL's database, which is emptied first), the EAR
# dropped in its deployments directory, WildFly started as the tests start it; the server log's own times for the
# deployment's phases (start of the deployment, its subdeployments, deployed) and the rule base's build; then a
# workflow-free stop through the CLI and its "stopped in"; then the same server and database started again (a
# restart: the rulebooks are read from their stored versions). RUNS times each EAR given, alternating, for an A/B.
# Usage: bench/run-deploy-bench.sh [RUNS] [EAR...]   (default: 2 runs of ear/target/trunkline.ear)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-2}
shift || true
EARS=("$@")
[ ${#EARS[@]} -gt 0 ] || EARS=(ear/target/trunkline.ear)
DB=${DB:-trunkline_test}
WF=bench/target/deploy-bench/wildfly
for p in 8080 9990; do
  if ss -ltn | grep -q ":$p "; then echo "port $p is in use (a platform or a test server running?)" >&2; exit 1; fi
done
[ -d server/target/wildfly-26.1.3.Final ] || mvn -B -q -o install -DskipTests

secs() { date -d "$1" +%s.%N; }
phase() { grep -h "$1" "$WF/standalone/log/server.log" | tail -1 | cut -c1-23 | tr ',' '.'; }

# Starts the copied server with the EAR deployed, waits for the deployment, prints its phases, stops it.
measure() {
  local ear=$1 label=$2
  : > "$WF/standalone/log/server.log"
  JAVA_OPTS="-Xms256m -Xmx1g -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true" \
    LAUNCH_JBOSS_IN_BACKGROUND=1 nohup "$WF/bin/standalone.sh" -b 127.0.0.1 > "$WF/../console.log" 2>&1 &
  for _ in $(seq 1 300); do
    grep -q "WFLYSRV0010\|WFLYSRV0026\|WFLYCTL0013" "$WF/standalone/log/server.log" 2>/dev/null && break
    sleep 1
  done
  local start sub done_ rules stopped
  start=$(phase WFLYSRV0027); sub=$(phase WFLYSRV0207); done_=$(phase WFLYSRV0010)
  rules=$(grep -ho "rule base built in [0-9]* ms" "$WF"/standalone/log/server.log | tail -1 | grep -o "[0-9]*" || echo "?")
  "$WF/bin/jboss-cli.sh" --connect --command=shutdown > /dev/null 2>&1 || true
  for _ in $(seq 1 60); do pgrep -f "$WF/" > /dev/null || break; sleep 1; done
  stopped=$(grep -ho "WFLYSRV0050.* stopped in [0-9]*ms" "$WF/standalone/log/server.log" | grep -o "[0-9]*ms" | tail -1)
  printf '%s run %d, %s: to subdeployments %.1f s, to deployed %.1f s (rule base %s ms), stop %s, annotation-index warnings %d\n' \
    "$ear" "$run" "$label" "$(echo "$(secs "$sub") - $(secs "$start")" | bc)" "$(echo "$(secs "$done_") - $(secs "$start")" | bc)" \
    "$rules" "$stopped" "$(grep -c WFLYSRV0002 "$WF/standalone/log/server.log" || true)"
}

for run in $(seq 1 "$RUNS"); do
  for ear in "${EARS[@]}"; do
    rm -rf "$WF"; mkdir -p "$(dirname "$WF")"
    cp -r server/target/wildfly-26.1.3.Final "$WF"
    rm -rf "$WF"/standalone/log/* "$WF"/standalone/data/* "$WF"/standalone/tmp/*
    runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB OWNER trunkline" >/dev/null
    cp "$ear" "$WF/standalone/deployments/trunkline.ear"
    measure "$ear" "first start"
    # The same server and database again: an ops engineer's restart, the rulebooks read from their stored versions.
    measure "$ear" "restart"
  done
done

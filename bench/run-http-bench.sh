#!/usr/bin/env bash
# Decisions over HTTP against a running platform (start it with ./trunkline run): open-loop load at RATE
# requests/s for SECONDS, latency from each request's due time. Usage: bench/run-http-bench.sh [RATE] [SECONDS] [BASE_URL]
# CLIENT=edge (default: the edge nodes' own decision client, 8 threads of pooled keep-alive connections) or
# CLIENT=jdk (the JDK HttpClient, sendAsync: a new connection whenever none is idle).
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-1000}
SECONDS_=${2:-60}
BASE=${3:-http://127.0.0.1:8080}
# ./trunkline run has installed every module: the bench is built alone, offline. With -am the build would also
# repackage sip-edge.jar (a test dependency of camel-routes) under the running edge nodes, whose JVMs then fail to
# load their next class from it.
mvn -B -q -o -pl bench install -DskipTests
mvn -B -q -o -pl bench dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
java ${BENCH_JAVA_OPTS:--Xmx512m} -cp "bench/target/classes:$(cat bench/target/bench.cp)" io.trunkline.bench.HttpDecisionLoad \
  "$BASE" "$RATE" "$SECONDS_" edge-1 "${CLIENT:-edge}" 2>&1 | tee bench/target/http-bench.txt

#!/usr/bin/env bash
# Memory of the fraud counters after CALLS calls from EXTENSIONS distinct extensions (defaults 1,000,000 and
# 100,000): the cluster's copy on two Hazelcast members (owned and backup bytes), the platform's local subjects,
# the heap. Output in bench/target/fraud-memory.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${1:-1000000}
EXTENSIONS=${2:-100000}
mvn -B -q -pl bench -am install -DskipTests
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
java -Xmx2g --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  -cp "bench/target/classes:$(cat bench/target/bench.cp)" io.trunkline.bench.FraudCounterMemory "$CALLS" "$EXTENSIONS" \
  | tee bench/target/fraud-memory.txt

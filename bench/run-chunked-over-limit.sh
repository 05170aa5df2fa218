#!/usr/bin/env bash
# How often a chunked upload over the API's body limit gets its 413 read by the client (ChunkedOverLimit).
# Usage: bench/run-chunked-over-limit.sh SIZE TIMES [API base URL]   (the platform up: ./trunkline run)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl bench install -DskipTests
mvn -B -q -o -pl bench dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
java -Xmx256m -cp "bench/target/classes:$(cat bench/target/bench.cp)" io.trunkline.bench.ChunkedOverLimit "$@"

#!/usr/bin/env bash
# In-process decision throughput and latency (JMH), one thread; results go to bench/target/decision-bench.txt.
# JMH options can be replaced through JMH_ARGS, e.g. JMH_ARGS="-f 1 -wi 1 -i 2" for a quick look.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am install -DskipTests
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
# shellcheck disable=SC2086
java -Xmx2g -cp "bench/target/classes:$(cat bench/target/bench.cp)" org.openjdk.jmh.Main DecisionBenchmark \
  ${JMH_ARGS:--f 1 -wi 3 -w 5s -i 5 -r 10s} -t 1 | tee bench/target/decision-bench.txt

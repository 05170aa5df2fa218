#!/usr/bin/env bash
# The wire contract's JSON per call on one thread (JMH): the decision the platform writes and the edge reads, the call
# record the edge writes and the platform reads (issue #16's scenario). Results go to
# bench/target/contract-json-bench.txt; JMH options can be replaced through JMH_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am install -DskipTests
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
# shellcheck disable=SC2086
java -Xmx1g -cp "bench/target/classes:$(cat bench/target/bench.cp)" org.openjdk.jmh.Main ContractJsonBenchmark \
  ${JMH_ARGS:--f 1 -wi 3 -w 5s -i 5 -r 5s} -t 1 | tee bench/target/contract-json-bench.txt

#!/usr/bin/env bash
# Asterisk Master.csv lines parsed per second on one thread (JMH); results go to bench/target/cdr-parse-bench.txt.
# JMH options can be replaced through JMH_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am install -DskipTests
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
# shellcheck disable=SC2086
java -Xmx2g -cp "bench/target/classes:$(cat bench/target/bench.cp)" org.openjdk.jmh.Main CdrParseBenchmark \
  ${JMH_ARGS:--f 1 -wi 3 -w 5s -i 5 -r 5s} -t 1 | tee bench/target/cdr-parse-bench.txt

#!/usr/bin/env bash
# One overload refusal on the edge's receive thread (JMH, RefusalBenchmark): the INVITE read off the datagram and its
# stateless 503 written; average time in ns/op and, from JMH's gc profiler, the bytes allocated per refusal
# (gc.alloc.rate.norm); results go to bench/target/refusal-bench.txt.
# JMH options can be replaced through JMH_ARGS, e.g. JMH_ARGS="-f 1 -wi 1 -i 2" for a quick look.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am install -DskipTests
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
# shellcheck disable=SC2086
java -Xmx1g -cp "bench/target/classes:$(cat bench/target/bench.cp)" org.openjdk.jmh.Main RefusalBenchmark \
  ${JMH_ARGS:--f 1 -wi 3 -w 3s -i 5 -r 3s} -t 1 -prof gc | tee bench/target/refusal-bench.txt

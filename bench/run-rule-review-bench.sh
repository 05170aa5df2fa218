#!/usr/bin/env bash
# The linter and the version diff on the shipped routing table and on generated dial plans (JMH, ms per operation);
# results go to bench/target/rule-review-bench.txt. Built in one reactor run, nothing installed. JMH options can be
# replaced through JMH_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.cp >/dev/null
# shellcheck disable=SC2086
java -Xmx2g -cp "bench/target/classes:$(cat bench/target/bench.cp)" org.openjdk.jmh.Main RuleReviewBenchmark \
  ${JMH_ARGS:--f 1 -wi 3 -w 5s -i 5 -r 5s} -t 1 | tee bench/target/rule-review-bench.txt

#!/usr/bin/env bash
# SIP parsing and encoding per message on one thread (JMH): JAIN-SIP RI (the edge's stack) beside pkts-sip, on the
# capacity scenario's datagrams as captured and on the same call as PBXs and carriers write it
# (bench/src/main/resources/sip/). Results go to bench/target/sip-parse-bench.txt; JMH options can be replaced
# through JMH_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am install -DskipTests
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
# shellcheck disable=SC2086
java -Xmx1g -cp "bench/target/classes:$(cat bench/target/bench.cp)" org.openjdk.jmh.Main SipParseBenchmark \
  ${JMH_ARGS:--f 1 -wi 3 -w 5s -i 5 -r 5s} -t 1 | tee bench/target/sip-parse-bench.txt

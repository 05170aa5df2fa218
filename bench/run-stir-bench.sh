#!/usr/bin/env bash
# STIR/SHAKEN per call on one thread (JMH, StirBenchmark): signing an outbound call's Identity, and verifying an
# inbound one with the signer's chain cached (warm) or parsed and validated again (cold, the HTTPS fetch excluded);
# throughput in ops/s, then average time in µs/op; results go to bench/target/stir-bench.txt.
# JMH options can be replaced through JMH_ARGS, e.g. JMH_ARGS="-f 1 -wi 1 -i 2" for a quick look.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am install -DskipTests
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
for mode in "thrpt -tu s" "avgt -tu us"; do
  # shellcheck disable=SC2086
  java -Xmx2g -cp "bench/target/classes:$(cat bench/target/bench.cp)" org.openjdk.jmh.Main StirBenchmark \
    -bm $mode ${JMH_ARGS:--f 1 -wi 3 -w 5s -i 5 -r 5s} -t 1
done | tee bench/target/stir-bench.txt

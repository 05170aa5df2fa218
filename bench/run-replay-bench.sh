#!/usr/bin/env bash
# Replay of CALLS recorded calls through a routing draft that moves Canada from B to C, as the platform's replay job
# runs it but in one process (ReplayBench): the calls written into call_record of the PostgreSQL database DB (created
# if missing, owned by trunkline; the platform's schema migrated) with generate_series, then read through the
# platform's JdbcRecordedCalls (a cursor) and decided on both sides by its ReplayEngine, one worker per processor
# besides the reading thread. Prints the cursor alone, then two replays (cold, warm); bench/target/replay-bench.txt.
# Needs: PostgreSQL on 127.0.0.1:5432 with the role trunkline/trunkline (as the system tests), nothing else running.
# Usage: bench/run-replay-bench.sh [CALLS] [DB]
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${1:-1000000}
DB=${2:-trunkline_replay_bench}
WORKERS=${WORKERS:-$(nproc)}
if [ "$(runuser -u postgres -- psql -qtAX -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
  runuser -u postgres -- psql -q -c "CREATE DATABASE $DB OWNER trunkline"
fi
# One reactor build: the bench's class path is the modules just packaged, not what an earlier build installed.
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$PWD/bench/target/bench.cp" >/dev/null
java -Xmx2g -cp "bench/target/classes:$(cat bench/target/bench.cp)" io.trunkline.bench.ReplayBench \
  "jdbc:postgresql://127.0.0.1:5432/$DB" trunkline trunkline "$CALLS" "$WORKERS" | tee bench/target/replay-bench.txt

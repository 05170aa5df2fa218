#!/usr/bin/env bash
# The what-if replay through the deployed platform (ReplayJobBench): a routing draft moving Canada from B to C
# uploaded over the API, then RUNS replays of it over FROM..TO of the calls the running platform stores, each timed
# from its POST /replays to the poll that sees it DONE. Run it against a platform holding the calls, e.g. the page-data
# benchmark's database (bench/run-page-data-bench.sh loads 10,000,000 calls over 30 days, about 333,000 a day):
#   TRUNKLINE_DB_URL=jdbc:postgresql://127.0.0.1:5432/trunkline_pagebench ./trunkline run
#   bench/run-replay-job-bench.sh 2026-11-27T00:00:00Z 2026-11-30T00:00:00Z
# With PREFIXES (50000, 0: none) each of carriers A, B and C first gets a rate deck of the demo's prefixes plus that many
# random ones (seeded per carrier, effective from 2026-01-01), as the in-process benchmark (ReplayBench) has them.
# Usage: bench/run-replay-job-bench.sh FROM TO [RUNS]   (BASE: http://127.0.0.1:8080; output in bench/target/replay-job.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
FROM=$1
TO=$2
RUNS=${3:-2}
BASE=${BASE:-http://127.0.0.1:8080}
PREFIXES=${PREFIXES:-50000}
mkdir -p bench/target
if [ "$PREFIXES" -gt 0 ]; then
  seed=1
  for carrier in carrier-a carrier-b carrier-c; do
    deck=bench/target/$carrier-deck.csv
    cp "demo/ratedecks/${carrier}_2026-12.csv" "$deck"
    awk -v n="$PREFIXES" -v seed="$seed" 'BEGIN {
        srand(seed); split("1 44 33 49 34 39 31 86 81 91 61 55 52 7 27", cc, " ")
      }
      NR > 1 { split($0, f, ","); seen[f[1]] = 1 }
      END {
        while (made < n) {
          p = cc[1 + int(rand() * 15)]; extra = 2 + int(rand() * (8 - length(p)))
          for (i = 0; i < extra; i++) p = p int(rand() * 10)
          if (!(p in seen)) { seen[p] = 1; made++; peak = (5 + int(rand() * 500)) / 10000
            printf "%s,%.4f,%.4f,0,2026-01-01,bench\n", p, peak, peak * 0.7 }
        }
      }' "$deck" > "$deck.more"
    cat "$deck.more" >> "$deck"
    code=$(curl -s -o bench/target/deck-answer.json -w '%{http_code}' -u oscar:oscar -H 'Content-Type: text/csv' \
      --data-binary "@$deck" "$BASE/api/v1/carriers/$carrier/rate-deck")
    [ "$code" = 200 ] || { echo "deck of $carrier refused ($code): $(head -c 400 bench/target/deck-answer.json)"; exit 1; }
    echo "$carrier: rate deck of $(( $(wc -l < "$deck") - 1 )) prefixes stored"
    seed=$((seed + 1))
  done
fi
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$PWD/bench/target/bench.cp" >/dev/null
java -cp "bench/target/classes:$(cat bench/target/bench.cp)" io.trunkline.bench.ReplayJobBench "$BASE" "$FROM" "$TO" "$RUNS" \
  2>&1 | tee bench/target/replay-job.txt

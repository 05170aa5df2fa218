#!/usr/bin/env bash
# Imports a generated rate deck of ROWS lines (default 100,000) for carrier-a through the API of a running
# platform (./trunkline run) and prints the wall time of the request: parse, store, quarantine, and the
# rebuilt routing snapshot. Usage: bench/run-ratedeck-import-bench.sh [ROWS] [BASE_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-100000}
BASE=${2:-http://127.0.0.1:8080}
mkdir -p bench/target
deck=bench/target/carrier-a_bench_${ROWS}.csv
# Unique prefixes under common country codes, rates 0.0050-0.0549, effective from a fixed day.
awk -v rows="$ROWS" 'BEGIN {
  srand(20261126); print "prefix,rate_per_minute,offpeak_rate_per_minute,connection_fee,effective_from,description";
  split("1 44 33 49 34 39 31 86 81 91 61 55 52 7 27", cc, " ");
  n = 0;
  while (n < rows) {
    p = cc[int(rand() * 15) + 1] int(rand() * 10000000);
    if (!(p in seen)) { seen[p] = 1; n++; r = 0.005 + rand() * 0.05;
      printf "%s,%.4f,%.4f,0,2026-12-01,bench %d\n", p, r, r * 0.7, n }
  }
}' > "$deck"
echo "deck: $deck ($(($(wc -l < "$deck") - 1)) rows)"
curl -s -o bench/target/ratedeck-import.json -w 'HTTP %{http_code} in %{time_total} s\n' -u oscar:oscar \
  -H 'Content-Type: text/csv' -H "X-File-Name: $(basename "$deck")" --data-binary "@$deck" \
  "$BASE/api/v1/carriers/carrier-a/rate-deck" | tee bench/target/ratedeck-bench.txt
cat bench/target/ratedeck-import.json; echo

#!/usr/bin/env bash
# End-to-end CDR ingestion into PostgreSQL: an Asterisk Master.csv of LINES lines dropped in the
# branch-asterisk inbox of a running platform, timed from the drop until the file is STORED (scan, parse,
# dial-plan normalization, COPY into staging, INSERT ... ON CONFLICT, counts). Then the same normalized
# rows, exported from the cdr table, loaded with psql \copy into a table with the same columns and indexes,
# timed in the same run, for the ratio.
# Needs: TRUNKLINE_DB_URL=jdbc:postgresql://127.0.0.1:5432/<db> ./trunkline run  (DB below = that <db>)
# Usage: bench/run-cdr-ingest-bench.sh [LINES] [DB]
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${1:-1000000}
DB=${2:-trunkline_bench}
API=http://127.0.0.1:8080/api/v1
OUT=bench/target/cdr-ingest-bench
rm -rf "$OUT"; mkdir -p "$OUT"
psql_() { runuser -u postgres -- psql -d "$DB" -qtAX "$@"; }
TAG=b$(date +%s)
FILE=Master-$TAG.csv
# Varied lines: 50 extensions, 5,000 international and 5,000 national destinations, four dispositions.
awk -v n="$LINES" -v tag="$TAG" 'BEGIN {
  split("ANSWERED,NO ANSWER,BUSY,FAILED", disp, ",");
  for (i = 0; i < n; i++) {
    ext = 2000 + i % 50;
    dst = (i % 2 == 0) ? sprintf("9011442071%06d", i % 5000) : sprintf("9131255%05d", i % 5000);
    s = i % 86400; h = int(s / 3600); m = int(s % 3600 / 60); sec = s % 60;
    d = disp[i % 4 + 1]; dur = 30 + i % 600; bill = (d == "ANSWERED") ? dur - 5 : 0;
    ans = (d == "ANSWERED") ? sprintf("2026-11-25 %02d:%02d:%02d", h, m, (sec + 5) % 60) : "";
    printf "\"\",\"%d\",\"%s\",\"from-internal\",\"\"\"User %d\"\" <%d>\",\"PJSIP/%d-%08x\",\"PJSIP/trunk-a-%08x\",\"Dial\",\"PJSIP/%s@trunk-a,60\",\"2026-11-25 %02d:%02d:%02d\",\"%s\",\"2026-11-25 %02d:%02d:%02d\",%d,%d,\"%s\",\"DOCUMENTATION\",\"%s.%d\",\"\"\n",
      ext, dst, ext, ext, ext, i, i, dst, h, m, sec, ans, h, m, sec, dur, bill, d, tag, i;
  }
}' > "$OUT/$FILE"
SIZE=$(du -m "$OUT/$FILE" | cut -f1)
INBOX=$(curl -s -u oscar:oscar "$API/health" | sed -n 's/.*"cdr.branch-asterisk":"\([^"]*\)".*/\1/p')
[ -n "$INBOX" ] || { echo "no branch-asterisk inbox in the health report: is the platform running?" >&2; exit 1; }
cp "$OUT/$FILE" "$INBOX/../$FILE.part"
start=$(date +%s.%N)
mv "$INBOX/../$FILE.part" "$INBOX/$FILE"
while :; do
  status=$(psql_ -c "SELECT status FROM ingest_file WHERE file_name = '$FILE' ORDER BY id DESC LIMIT 1")
  case "$status" in STORED|REFUSED|DUPLICATE) break ;; esac
  sleep 0.1
done
end=$(date +%s.%N)
read -r id read stored quar dups db_s < <(psql_ -F ' ' -c "SELECT id, lines_read, lines_stored, lines_quarantined, \
  lines_duplicate, round(extract(epoch FROM finished_at - received_at)::numeric, 2) FROM ingest_file WHERE file_name = '$FILE'")
wall=$(echo "$end - $start" | bc)
rate=$(echo "$stored / $wall" | bc)
echo "platform: $FILE ($SIZE MB) status $status: read $read, stored $stored, quarantined $quar, duplicates $dups"
echo "platform: drop to STORED ${wall}s = $rate records/s (open to finish in the database: ${db_s}s)"

# The same normalized rows, through psql \copy into a table with the same columns, keys and indexes.
psql_ -c "\\copy (SELECT * FROM cdr WHERE ingest_file_id = $id) TO '/tmp/$FILE.rows.csv' WITH (FORMAT csv)"
psql_ -c "DROP TABLE IF EXISTS cdr_copy_bench" -c "CREATE TABLE cdr_copy_bench (LIKE cdr INCLUDING ALL)"
cstart=$(date +%s.%N)
psql_ -c "\\copy cdr_copy_bench FROM '/tmp/$FILE.rows.csv' WITH (FORMAT csv)"
cend=$(date +%s.%N)
copied=$(psql_ -c "SELECT count(*) FROM cdr_copy_bench")
psql_ -c "DROP TABLE cdr_copy_bench"
rm -f "/tmp/$FILE.rows.csv"
cwall=$(echo "$cend - $cstart" | bc)
crate=$(echo "$copied / $cwall" | bc)
echo "psql \\copy: $copied rows in ${cwall}s = $crate rows/s"
echo "ratio platform / \\copy: $(echo "scale=2; $rate / $crate" | bc)"

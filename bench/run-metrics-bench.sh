#!/usr/bin/env bash
# Metrics over CALLS stored calls in one month (November 2026): the calls are written straight into the cdr
# table (3 carriers, 6 trunks, 3 PBXs, 4 destination classes, varied outcomes and durations), every 5-minute
# window of the month is marked, the platform's metrics builder rolls them up (timed), then the metrics API is
# timed answering for the whole month: hourly windows of every carrier, 5-minute windows of one carrier, and
# hourly windows of every dimension.
# Needs: TRUNKLINE_DB_URL=jdbc:postgresql://127.0.0.1:5432/<db> ./trunkline run   (DB below = that <db>)
# Usage: bench/run-metrics-bench.sh [CALLS] [DB]
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${1:-10000000}
DB=${2:-trunkline_bench}
API=http://127.0.0.1:8080/api/v1
psql_() { runuser -u postgres -- psql -d "$DB" -qtAX "$@"; }
echo "writing $CALLS calls into cdr (source metrics-bench) ..."
t0=$(date +%s.%N)
psql_ -c "DELETE FROM cdr WHERE source = 'metrics-bench'" -c "DELETE FROM metric_window" -c "DELETE FROM metric_dirty"
psql_ -c "INSERT INTO cdr (source, record_key, call_key, ingest_file_id, line_number, pbx_id, carrier_id, started_at,
  answered_at, ended_at, duration_ms, billable_ms, calling_raw, called_raw, calling_e164, called_e164, call_class,
  disposition, sip_code, q850_cause, trunk)
SELECT 'metrics-bench', 'm' || i, 'm' || i, 0, i,
  (ARRAY['hq-cucm','branch-asterisk','london-teams'])[1 + i % 3],
  (ARRAY['carrier-a','carrier-b','carrier-c'])[1 + (i / 3) % 3],
  s, CASE WHEN i % 10 < 6 THEN s + interval '4 seconds' END, s + make_interval(secs => 4 + i % 400),
  4000 + (i % 400) * 1000, CASE WHEN i % 10 < 6 THEN (i % 400) * 1000 ELSE 0 END,
  '2001', '9011442071234567', '+12125550100', '+4420712' || lpad((i % 100000)::text, 5, '0'),
  (ARRAY['INTERNATIONAL','NATIONAL','TOLL_FREE','MOBILE'])[1 + i % 4],
  CASE WHEN i % 10 < 6 THEN 'ANSWERED' WHEN i % 10 = 6 THEN 'BUSY' WHEN i % 10 = 7 THEN 'NO_ANSWER' ELSE 'FAILED' END,
  CASE WHEN i % 10 < 6 THEN 200 WHEN i % 10 = 6 THEN 486 WHEN i % 10 = 7 THEN 480 WHEN i % 10 = 8 THEN 503 ELSE 404 END,
  NULL, 'trunk-' || (i % 6)
FROM (SELECT i, timestamptz '2026-11-01 00:00:00+00' + make_interval(secs => (i::double precision * 2592000 / $CALLS)) s
      FROM generate_series(0, $CALLS - 1) i) g"
psql_ -c "ANALYZE cdr"
t1=$(date +%s.%N)
echo "written in $(echo "$t1 - $t0" | bc) s; marking the month's 8,640 windows"
psql_ -c "INSERT INTO metric_dirty (window_start, marked_at) SELECT w, now() FROM generate_series(
  timestamptz '2026-11-01 00:00:00+00', timestamptz '2026-11-30 23:55:00+00', interval '5 minutes') w ON CONFLICT DO NOTHING"
t2=$(date +%s.%N)
while [ "$(psql_ -c 'SELECT count(*) FROM metric_dirty')" != 0 ]; do sleep 2; done
# The last hour is rolled up right after its windows.
sleep 3
t3=$(date +%s.%N)
echo "roll-up of the month: $(echo "$t3 - $t2" | bc) s; $(psql_ -c 'SELECT count(*) FROM metric_window') metric rows"
M="from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&origin=cdr"
for q in "window=1h&dimension=carrier" "window=5m&dimension=carrier&subject=carrier-a" "window=1h"; do
  times=()
  for _ in 1 2 3 4 5; do
    times+=("$(curl -s -o /tmp/metrics-bench.json -w '%{time_total}' -u oscar:oscar "$API/metrics?$M&$q")")
  done
  totals=$(grep -o -m1 '"attempts":[0-9]*' /tmp/metrics-bench.json || true)
  echo "GET /api/v1/metrics?$M&$q: ${times[*]} s ($(wc -c < /tmp/metrics-bench.json) bytes; first total $totals)"
done

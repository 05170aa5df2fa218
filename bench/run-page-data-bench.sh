#!/usr/bin/env bash
# The data behind every console page on a big installation: the demo data plus CALLS stored edge calls with their
# attempts over DAYS days (bench/page-data-calls.sql, straight into PostgreSQL) and the metric windows the platform's
# builder rolls up from them; then each page's endpoint timed over HTTP with curl's %{time_total}: cold (its first
# request since the platform started) and warm (p50/p95/max of RUNS requests). A table goes to stdout and to
# bench/target/page-data.txt, each endpoint's last answer to bench/target/page-data/.
#
# Usage: bench/run-page-data-bench.sh [--reuse] [--running] [CALLS] [DB]     (10,000,000 calls; trunkline_pagebench)
#   by default: a fresh database DB, TRUNKLINE_DB_URL=... ./trunkline run (build, platform, edge nodes, demo data),
#               the calls loaded (about 10 minutes for 10,000,000 on 2 cores), the month's windows rolled up by the
#               platform (a few minutes), the endpoints timed, ./trunkline stop
#   --reuse     keep DB and the calls it holds from an earlier run of the same CALLS (the searches are placed in the
#               period that run loaded); the platform is started on it again, so the cold figures are cold again
#   --running   the platform already runs on DB (TRUNKLINE_DB_URL=jdbc:postgresql://127.0.0.1:5432/DB ./trunkline run):
#               neither started nor stopped; cold figures are then only as cold as that platform is
# Environment: DAYS (30), RUNS (20), PSQL_ADMIN (runuser -u postgres -- psql: a role that may create databases and
# roles), BASE (http://127.0.0.1:8080/api/v1), DROP_CACHES (0; 1: before each endpoint's cold request PostgreSQL is
# restarted (pg_ctlcluster 15 main, so shared buffers are empty) and the kernel's page cache dropped: cold means
# nothing of the database in memory; needs root).
# Needs: PostgreSQL 15 running, curl; ports 8080 and the edge nodes' free unless --running.
set -euo pipefail
cd "$(dirname "$0")/.."
REUSE=0 RUNNING=0
while [ $# -gt 0 ]; do
  case "$1" in
    --reuse) REUSE=1; shift ;;
    --running) RUNNING=1; shift ;;
    *) break ;;
  esac
done
CALLS=${1:-10000000}
DB=${2:-trunkline_pagebench}
DAYS=${DAYS:-30}
RUNS=${RUNS:-20}
BASE=${BASE:-http://127.0.0.1:8080/api/v1}
PSQL_ADMIN=${PSQL_ADMIN:-runuser -u postgres -- psql}
OUT=bench/target/page-data
mkdir -p "$OUT"
say() { printf '[page-data] %s\n' "$*"; }
db() { $PSQL_ADMIN -d "$DB" -qtAX -v ON_ERROR_STOP=1 "$@"; }

loaded() { db -c "SELECT calls || ' ' || to_char(period_end AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
  FROM bench_page_data" 2>/dev/null || true; }

if [ "$RUNNING" = 0 ]; then
  $PSQL_ADMIN -qtAc "SELECT 1 FROM pg_roles WHERE rolname = 'trunkline'" | grep -q 1 ||
    $PSQL_ADMIN -qc "CREATE ROLE trunkline LOGIN PASSWORD 'trunkline'"
  if [ "$REUSE" = 0 ] || [ -z "$($PSQL_ADMIN -qtAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
    say "fresh database $DB"
    $PSQL_ADMIN -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB OWNER trunkline"
  fi
  say "starting the platform on $DB (./trunkline run: build, WildFly, edge nodes, demo data)"
  TRUNKLINE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" ./trunkline run > "$OUT/run.log" 2>&1 ||
    { tail -20 "$OUT/run.log"; exit 1; }
  trap './trunkline stop > /dev/null 2>&1 || true' EXIT
fi

state=$(loaded)
if [ -n "$state" ] && [ "${state%% *}" != "$CALLS" ]; then
  say "$DB holds ${state%% *} bench calls, not $CALLS: run without --reuse for a fresh database"; exit 1
fi
if [ -z "$state" ]; then
  END=$(date -u +%Y-%m-%dT%H:%M:00Z)
  say "loading $CALLS calls over the $DAYS days before $END"
  t0=$(date +%s)
  db -v calls="$CALLS" -v days="$DAYS" -v period_end="$END" -f bench/page-data-calls.sql > "$OUT/load.log" 2>&1 ||
    { tail -20 "$OUT/load.log"; exit 1; }
  say "loaded in $(( $(date +%s) - t0 )) s; the metrics builder rolls up $(db -c 'SELECT count(*) FROM metric_dirty') windows"
  t0=$(date +%s)
  while [ "$(db -c 'SELECT count(*) FROM metric_dirty')" != 0 ]; do
    [ $(( $(date +%s) - t0 )) -lt 3600 ] || { say "windows still marked after an hour"; exit 1; }
    sleep 5
  done
  sleep 12  # the last hour's roll-up follows its windows
  say "rolled up in $(( $(date +%s) - t0 )) s: $(db -c 'SELECT count(*) FROM metric_window') metric rows"
  db -c "VACUUM ANALYZE metric_window"
  state=$(loaded)
fi
END=${state#* }
EPOCH_END=$(date -u -d "$END" +%s)
at() { date -u -d "@$(( EPOCH_END - $1 ))" +%Y-%m-%dT%H:%M:%SZ; }
DAY=$(at 86400) WEEK=$(at $(( 7 * 86400 ))) HOUR=$(at 3600) MONTH=$(at $(( DAYS * 86400 )))
P="to=$END"

# Numbers to look for: the most called number of the period (its calls fill many pages), one called a few times,
# and the dialed form of the first.
POPULAR=$(db -c "SELECT called_normalized FROM call_record WHERE event_id LIKE 'bench:%' AND started_at >= '$DAY'
  AND call_class = 'INTERNATIONAL' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
RARE=$(db -c "SELECT called_normalized FROM call_record WHERE started_at >= '$DAY' AND call_class = 'MOBILE'
  GROUP BY 1 HAVING count(*) BETWEEN 1 AND 3 LIMIT 1")
DIALED=$(db -c "SELECT called_dialed FROM call_record WHERE called_normalized = '$POPULAR' AND started_at >= '$DAY' LIMIT 1")
EXTENSION=$(db -c "SELECT calling_dialed FROM call_record WHERE pbx_id = 'hq-cucm' AND direction = 'OUTBOUND'
  AND started_at >= '$DAY' LIMIT 1")
# Ladders of international calls from hq-cucm: decided again through every stage (dial plan to carrier order).
LADDER=$(db -c "SELECT call_id FROM call_record WHERE event_id LIKE 'bench:%' AND attempts = 2 AND started_at >= '$DAY'
  AND pbx_id = 'hq-cucm' AND call_class = 'INTERNATIONAL' ORDER BY started_at DESC LIMIT 1")
OLD_LADDER=$(db -c "SELECT call_id FROM call_record WHERE event_id LIKE 'bench:%' AND attempts = 1
  AND started_at < '$WEEK' AND pbx_id = 'hq-cucm' AND call_class = 'INTERNATIONAL' ORDER BY started_at DESC LIMIT 1")
enc() { printf '%s' "$1" | sed 's/+/%2B/g; s/@/%40/g'; }

get() { curl -s -u "$1:$1" -o "$OUT/body.json" -w '%{http_code} %{time_total} %{size_download}' "$BASE$2"; }
# The cursor of page N (limit 100) of a search, following 'next' from page 1.
cursor() {
  local path=$1 pages=$2 next="" i
  for i in $(seq 2 "$pages"); do
    curl -s -u oscar:oscar "$BASE$path${next:+&before=$next}" -o "$OUT/page.json"
    next=$(grep -o '"next":"[^"]*"' "$OUT/page.json" | cut -d'"' -f4)
    [ -n "$next" ] || { say "$path has fewer than $pages pages"; return 1; }
  done
  printf '%s' "$next"
}

DROP_CACHES=${DROP_CACHES:-0}
rows=()
row() {  # label user path
  local label=$1 user=$2 path=$3 first code t size times=() i
  if [ "$DROP_CACHES" = 1 ]; then
    pg_ctlcluster 15 main restart && sync && echo 3 > /proc/sys/vm/drop_caches
  fi
  first=$(get "$user" "$path")
  code=${first%% *}
  for i in $(seq 1 "$RUNS"); do
    t=$(get "$user" "$path"); times+=("$(echo "${t#* }" | cut -d' ' -f1)")
  done
  size=${t##* }
  cp "$OUT/body.json" "$OUT/$(echo "$label" | tr -c 'a-zA-Z0-9\n' '_').json"
  read -r p50 p95 max < <(printf '%s\n' "${times[@]}" | sort -n |
    awk '{v[NR]=$1*1000} END {printf "%.1f %.1f %.1f\n", v[int((NR+1)/2)], v[int(NR*0.95+0.999)], v[NR]}')
  rows+=("$(printf '| %s | %s | %.1f | %s | %s | %s | %s |' "$label" "$code" "$(echo "${first#* }" | cut -d' ' -f1 |
    awk '{print $1*1000}')" "$p50" "$p95" "$max" "$size")")
  printf '%s\n' "${rows[-1]}"
}

FILE=$(curl -s -u oscar:oscar "$BASE/ingest/files" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
QFILE=$(curl -s -u oscar:oscar "$BASE/ingest/files" | tr '{' '\n' | grep '"quarantined":[1-9]' | grep -o '"id":[0-9]*' |
  head -1 | cut -d: -f2)
WORKFLOW=$(curl -s -u carla:carla "$BASE/workflows?limit=1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
PAGE50=$(cursor "/calls?from=$MONTH&$P&limit=100" 50)
PAGE50_PBX=$(cursor "/calls?from=$MONTH&$P&pbx=branch-asterisk&limit=100" 50)

say "timing (cold, then $RUNS warm) against $(loaded) calls; period ends $END"
echo "| page data | HTTP | cold ms | p50 ms | p95 ms | max ms | bytes |"
echo "|---|---|---|---|---|---|---|"
row "health (ops)" oscar "/health"
row "carriers" oscar "/carriers"
row "carrier state" oscar "/carriers/carrier-a/state"
for dim in carrier trunk pbx class; do
  row "metrics $dim 5m, day" oscar "/metrics?window=5m&dimension=$dim&origin=edge&from=$DAY&$P"
  row "metrics $dim 1h, week" oscar "/metrics?window=1h&dimension=$dim&origin=edge&from=$WEEK&$P"
done
row "metrics carrier-a 5m, week" oscar "/metrics?window=5m&dimension=carrier&subject=carrier-a&origin=edge&from=$WEEK&$P"
row "alerts open" oscar "/alerts?state=open"
row "ingest files" oscar "/ingest/files"
row "quarantine of a file" oscar "/ingest/files/${QFILE:-$FILE}/quarantine"
row "calls, last hour" oscar "/calls?from=$HOUR&$P"
row "calls, day" oscar "/calls?from=$DAY&$P"
row "calls, month" oscar "/calls?from=$MONTH&$P"
row "calls, month, page 50" oscar "/calls?from=$MONTH&$P&limit=100&before=$PAGE50"
row "calls by number (E.164, popular), month" oscar "/calls?from=$MONTH&$P&number=$(enc "$POPULAR")"
row "calls by number (no +), month" oscar "/calls?from=$MONTH&$P&number=${POPULAR#+}"
row "calls by number (as dialed), month" oscar "/calls?from=$MONTH&$P&number=$DIALED"
row "calls by number (rare), month" oscar "/calls?from=$MONTH&$P&number=$(enc "$RARE")"
row "calls by extension, day" oscar "/calls?from=$DAY&$P&number=$EXTENSION"
row "calls by PBX, month" oscar "/calls?from=$MONTH&$P&pbx=branch-asterisk"
row "calls by PBX, month, page 50" oscar "/calls?from=$MONTH&$P&pbx=branch-asterisk&limit=100&before=$PAGE50_PBX"
row "calls by carrier, month" oscar "/calls?from=$MONTH&$P&carrier=carrier-c"
row "calls by carrier, day" oscar "/calls?from=$DAY&$P&carrier=carrier-b"
row "calls refused, month" oscar "/calls?from=$MONTH&$P&outcome=refused"
row "calls busy, month" oscar "/calls?from=$MONTH&$P&outcome=busy"
row "calls failed, month" oscar "/calls?from=$MONTH&$P&outcome=failed"
row "calls released 503, month" oscar "/calls?from=$MONTH&$P&outcome=503"
row "calls PBX+carrier+no-answer, day" oscar "/calls?from=$DAY&$P&pbx=hq-cucm&carrier=carrier-a&outcome=no-answer"
row "calls PBX+carrier+no-answer, month" oscar "/calls?from=$MONTH&$P&pbx=hq-cucm&carrier=carrier-a&outcome=no-answer"
row "calls PBX+carrier+busy (rare), month" oscar "/calls?from=$MONTH&$P&pbx=london-teams&carrier=carrier-c&outcome=busy"
row "calls PBX+carrier, month" oscar "/calls?from=$MONTH&$P&pbx=london-teams&carrier=carrier-c"
row "calls PBX+failed, month" oscar "/calls?from=$MONTH&$P&pbx=london-teams&outcome=failed"
row "calls carrier+busy, month" oscar "/calls?from=$MONTH&$P&carrier=carrier-c&outcome=busy"
row "calls carrier+503, day" oscar "/calls?from=$DAY&$P&carrier=carrier-b&outcome=503"
row "calls number+carrier+answered, month" oscar "/calls?from=$MONTH&$P&number=$(enc "$POPULAR")&carrier=carrier-a&outcome=answered"
row "call ladder (re-derived), today" oscar "/calls/$(enc "$LADDER")/ladder"
row "call ladder (re-derived), 8+ days old" oscar "/calls/$(enc "$OLD_LADDER")/ladder"
row "rulebook versions (routing)" ana "/rulebooks/routing/versions"
row "tasks (compliance)" carla "/tasks"
row "workflows" carla "/workflows"
row "one workflow" carla "/workflows/$WORKFLOW"

{
  echo "$(date -u +%Y-%m-%dT%H:%MZ) $(loaded) calls, DB $DB, $(nproc) cores, $(git rev-parse --short HEAD), DROP_CACHES=$DROP_CACHES"
  echo "| page data | HTTP | cold ms | p50 ms | p95 ms | max ms | bytes |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > bench/target/page-data.txt
say "table in bench/target/page-data.txt"

-- :calls edge call records with their attempts, spread evenly over the :days days before :'period_end', written
-- straight into call_record and call_attempt as the platform stores them (for bench/run-page-data-bench.sh).
-- The mix: PBXs hq-cucm / branch-asterisk / london-teams 50/30/20 %; 80 % outbound (40 % domestic, 20 % mobile,
-- 25 % international, 7 % toll-free, 8 % internal) and 20 % inbound to the PBXs' DIDs; carriers A/B/C 55/30/15 %;
-- 2.5 % refused by the decision (403/404, no attempt), 58 % answered, 9 % busy, 12 % no answer (480/487/408), the
-- rest failed (503/404/603/500); some of the tried outbound calls to carriers (6 % of all calls in a run of 10,000,000)
-- failed over from a 503 of another carrier first. Destinations: 200,000 numbers per class with a skewed (cubic)
-- popularity (North American ones with exchange codes 200-399, which the demo's dial plans take); callers: the PBXs'
-- extensions, numbered as dialed and as normalized the way the demo's dial plans make them. Each record's JSON reads
-- back as a CallRecord. The indexes are dropped for the load and built again after it (their definitions kept in
-- bench_page_data_indexes until then, so an interrupted load gets them back on the next run).
-- Usage: psql -v calls=10000000 -v days=30 -v period_end='2026-12-05 00:00:00+00' -f bench/page-data-calls.sql
\set ON_ERROR_STOP on
SET TIME ZONE 'UTC';
SET maintenance_work_mem = '1GB';
SET max_parallel_maintenance_workers = 2;
SET synchronous_commit = off;

-- The month partitions of the period, named as the platform names them.
SELECT format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
              t || '_' || to_char(m, 'YYYY_MM'), t, m, m + interval '1 month')
FROM generate_series(date_trunc('month', :'period_end'::timestamptz - make_interval(days => :days)),
                     :'period_end'::timestamptz, interval '1 month') m,
     unnest(ARRAY['call_record', 'call_attempt']) t
\gexec
-- Owned by the platform's role, as the partitions it makes itself are (its migrations alter them).
SELECT format('ALTER TABLE %I OWNER TO trunkline', c.relname)
FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent IN ('call_record'::regclass, 'call_attempt'::regclass)
\gexec

CREATE TABLE IF NOT EXISTS bench_page_data_indexes (name TEXT PRIMARY KEY, definition TEXT NOT NULL);
INSERT INTO bench_page_data_indexes
SELECT indexname, replace(indexdef, ' ON ONLY ', ' ON ') FROM pg_indexes
WHERE schemaname = current_schema() AND tablename IN ('call_record', 'call_attempt') AND indexname NOT LIKE '%pkey'
ON CONFLICT DO NOTHING;
SELECT format('DROP INDEX IF EXISTS %I', name) FROM bench_page_data_indexes
\gexec

CREATE FUNCTION pg_temp.iso(t TIMESTAMP WITH TIME ZONE) RETURNS TEXT IMMUTABLE LANGUAGE sql
    AS $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;

\echo generating :calls calls
\timing on
DROP TABLE IF EXISTS bench_call;
CREATE UNLOGGED TABLE bench_call AS
WITH g AS (
    SELECT i,
           :'period_end'::timestamptz - make_interval(days => :days)
               + make_interval(secs => i::double precision * :days * 86400 / :calls) AS s,
           (hashint8extended(i, 1) & 2147483647) % 100 AS h_pbx,
           (hashint8extended(i, 2) & 2147483647) % 100 AS h_dir,
           (hashint8extended(i, 3) & 2147483647) % 100 AS h_carrier,
           (hashint8extended(i, 4) & 2147483647) % 100 AS h_class,
           floor(200000 * power(((hashint8extended(i, 5) & 2147483647) % 1000000) / 1e6, 3))::int AS d,
           (hashint8extended(i, 6) & 2147483647) % 3000 AS h_ext,
           (hashint8extended(i, 7) & 2147483647) % 1000 AS h_outcome,
           (hashint8extended(i, 8) & 2147483647) % 100 AS h_failover,
           (hashint8extended(i, 9) & 2147483647) % 12 AS h_code,
           80 + (hashint8extended(i, 10) & 2147483647) % 2500 AS pdd,
           2000 + (hashint8extended(i, 11) & 2147483647) % 18000 AS ring,
           5000 + (((hashint8extended(i, 12) & 2147483647) % 1000) ^ 2 * 0.6)::bigint AS talk,
           12 + (hashint8extended(i, 13) & 2147483647) % 200 AS fo_ms
    FROM generate_series(0, :calls - 1) i
), p AS (
    SELECT g.*,
           CASE WHEN h_pbx < 50 THEN 'hq-cucm' WHEN h_pbx < 80 THEN 'branch-asterisk' ELSE 'london-teams' END AS pbx,
           h_dir < 20 AS inbound,
           CASE WHEN h_carrier < 55 THEN 'carrier-a' WHEN h_carrier < 85 THEN 'carrier-b' ELSE 'carrier-c' END AS carrier,
           CASE WHEN h_class < 40 THEN 'DOMESTIC' WHEN h_class < 60 THEN 'MOBILE' WHEN h_class < 85 THEN 'INTERNATIONAL'
                WHEN h_class < 92 THEN 'TOLL_FREE' ELSE 'INTERNAL' END AS cls,
           CASE WHEN h_outcome < 25 THEN 'refused' WHEN h_outcome < 605 THEN 'answered' WHEN h_outcome < 695 THEN 'busy'
                WHEN h_outcome < 815 THEN 'no-answer' ELSE 'failed' END AS outcome
    FROM g
), n AS (
    SELECT p.*,
           CASE pbx WHEN 'hq-cucm' THEN 2000 + h_ext WHEN 'branch-asterisk' THEN 2000 + h_ext % 1000
                    ELSE 5000 + h_ext % 1000 END AS ext,
           CASE pbx WHEN 'hq-cucm' THEN '+1212555' WHEN 'branch-asterisk' THEN '+1312555' ELSE '+44207123' END AS did_base,
           CASE WHEN pbx = 'london-teams' THEN
                    CASE cls WHEN 'DOMESTIC' THEN '+44161' || lpad(d::text, 7, '0')
                             WHEN 'MOBILE' THEN '+447700' || lpad((d % 1000000)::text, 6, '0')
                             WHEN 'INTERNATIONAL' THEN '+1212' || (2000000 + d)
                             ELSE '+44800' || lpad(d::text, 7, '0') END
                ELSE
                    CASE cls WHEN 'DOMESTIC' THEN '+1646' || (2000000 + d)
                             WHEN 'MOBILE' THEN '+1917' || (2000000 + d)
                             WHEN 'INTERNATIONAL' THEN '+44207' || lpad(d::text, 7, '0')
                             ELSE '+1800' || (2000000 + d) END
           END AS far
    FROM p
), c AS (
    SELECT i, s, pbx, pdd, ring, talk, fo_ms, outcome,
           'pb' || i || '@10.0.' || (i % 3) || '.10' AS call_id,
           'edge-' || (1 + i % 2) AS node,
           CASE WHEN inbound THEN 'INBOUND' ELSE 'OUTBOUND' END AS direction,
           CASE WHEN inbound THEN carrier ELSE pbx END AS origin,
           CASE WHEN inbound THEN far ELSE ext::text END AS calling_dialed,
           CASE WHEN inbound THEN far ELSE did_base || ext END AS calling_normalized,
           CASE WHEN inbound THEN did_base || ext
                WHEN cls = 'INTERNAL' THEN (ext + 1 + d % 50)::text
                WHEN pbx = 'london-teams' THEN
                    CASE WHEN cls = 'INTERNATIONAL' THEN '00' || substr(far, 2) ELSE '0' || substr(far, 4) END
                WHEN cls = 'INTERNATIONAL' THEN '9011' || substr(far, 2)
                ELSE '9' || substr(far, 2) END AS called_dialed,
           CASE WHEN inbound THEN ext::text WHEN cls = 'INTERNAL' THEN (ext + 1 + d % 50)::text ELSE far END
               AS called_normalized,
           CASE WHEN inbound THEN 'INBOUND' ELSE cls END AS call_class,
           CASE WHEN inbound OR cls = 'INTERNAL' THEN pbx ELSE carrier END AS target,
           CASE WHEN inbound OR cls = 'INTERNAL' THEN 'sip:' || ext || '@10.0.1.10:5060'
                ELSE 'sip:' || far || '@' || carrier || '.example.net:5060' END AS uri,
           CASE WHEN carrier = 'carrier-a' THEN 'carrier-b' ELSE 'carrier-a' END AS first_carrier,
           'sip:' || far || '@' || CASE WHEN carrier = 'carrier-a' THEN 'carrier-b' ELSE 'carrier-a' END
               || '.example.net:5060' AS first_uri,
           outcome <> 'refused' AND NOT inbound AND cls <> 'INTERNAL' AND h_failover < 12 AS failover,
           CASE outcome WHEN 'refused' THEN (ARRAY[403, 404])[1 + h_code % 2] WHEN 'answered' THEN 200
                        WHEN 'busy' THEN 486 WHEN 'no-answer' THEN (ARRAY[480, 487, 408])[1 + h_code % 3]
                        ELSE (ARRAY[503, 404, 603, 500])[1 + h_code % 4] END AS release_code
    FROM n
)
SELECT c.*,
       CASE WHEN outcome = 'refused' THEN 0 WHEN failover THEN 2 ELSE 1 END AS attempts,
       CASE WHEN failover THEN fo_ms ELSE 0 END AS before_ms,
       CASE outcome WHEN 'failed' THEN NULL ELSE pdd END AS first_provisional_ms,
       CASE outcome WHEN 'answered' THEN pdd + ring WHEN 'busy' THEN pdd + 400 WHEN 'no-answer' THEN 30000
                    ELSE 150 + pdd % 800 END AS answer_ms
FROM c;

\echo storing call_record
INSERT INTO call_record (call_id, started_at, event_id, node_id, direction, origin, pbx_id, calling_dialed, called_dialed,
                         calling_normalized, called_normalized, call_class, decision_source, carrier_id, attempts,
                         answered_at, ended_at, duration_ms, release_code, released_by, record)
SELECT call_id, s, 'bench:' || i, node, direction, origin, pbx, calling_dialed, called_dialed, calling_normalized,
       called_normalized, call_class, 'PLATFORM', CASE WHEN attempts > 0 THEN target END, attempts, answered_at, ended_at,
       duration_ms, release_code, released_by,
       jsonb_build_object('callId', call_id, 'node', node, 'pbx', pbx, 'callingDialed', calling_dialed,
           'calledDialed', called_dialed, 'callingNormalized', calling_normalized, 'calledNormalized', called_normalized,
           'callClass', call_class, 'decisionSource', 'PLATFORM',
           'attempts', CASE attempts WHEN 0 THEN '[]'::jsonb
               WHEN 1 THEN jsonb_build_array(final_attempt)
               ELSE jsonb_build_array(jsonb_build_object('target', first_carrier, 'uri', first_uri, 'sipCode', 503,
                   'firstProvisionalMs', NULL, 'answerMs', before_ms), final_attempt) END,
           'startedAt', pg_temp.iso(s), 'answeredAt', pg_temp.iso(answered_at), 'endedAt', pg_temp.iso(ended_at), 'durationMs', duration_ms,
           'releaseCode', release_code, 'releasedBy', released_by, 'direction', direction, 'origin', origin)::text
FROM (
    SELECT b.*,
           CASE WHEN outcome = 'answered' THEN s + make_interval(secs => (before_ms + answer_ms) / 1000.0) END
               AS answered_at,
           CASE WHEN outcome = 'answered' THEN s + make_interval(secs => (before_ms + answer_ms + talk) / 1000.0)
                WHEN outcome = 'refused' THEN s + interval '30 milliseconds'
                ELSE s + make_interval(secs => (before_ms + answer_ms) / 1000.0) END AS ended_at,
           CASE WHEN outcome = 'answered' THEN talk ELSE 0 END AS duration_ms,
           CASE WHEN outcome = 'refused' THEN 'EDGE' WHEN outcome = 'answered' AND i % 2 = 0 THEN 'PBX'
                ELSE 'CARRIER' END AS released_by,
           jsonb_build_object('target', target, 'uri', uri, 'sipCode', release_code,
               'firstProvisionalMs', first_provisional_ms, 'answerMs', answer_ms) AS final_attempt
    FROM bench_call b
) x;

\echo storing call_attempt
INSERT INTO call_attempt (call_id, started_at, attempt_no, target, uri, sip_code, first_provisional_ms, answer_ms)
SELECT call_id, s, 1, first_carrier, first_uri, 503, NULL, before_ms FROM bench_call WHERE failover
UNION ALL
SELECT call_id, s, attempts, target, uri, release_code, first_provisional_ms, answer_ms FROM bench_call WHERE attempts > 0;
DROP TABLE bench_call;

\echo building the indexes again
SELECT definition FROM bench_page_data_indexes
\gexec
DROP TABLE bench_page_data_indexes;
VACUUM ANALYZE call_record;
VACUUM ANALYZE call_attempt;

-- Every 5-minute window of the period marked, for the platform's metrics builder to roll up as it does for stored calls.
INSERT INTO metric_dirty (window_start, marked_at)
SELECT w, now() FROM generate_series(date_trunc('hour', :'period_end'::timestamptz - make_interval(days => :days)),
                                     :'period_end'::timestamptz, interval '5 minutes') w
ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS bench_page_data (calls BIGINT, days INTEGER, period_end TIMESTAMP WITH TIME ZONE,
                                            loaded_at TIMESTAMP WITH TIME ZONE);
DELETE FROM bench_page_data;
INSERT INTO bench_page_data VALUES (:calls, :days, :'period_end', now());

-- What the edge and the platform add to a call that fails over, beyond the carriers' own response times:
-- (answer time - start) - (carrier A's time to its 503 + carrier B's time to its 200), per minute, for calls
-- started since :'since' (psql -v since='2026-11-26 10:59:00+00'). It includes the platform's decision.
WITH failover AS (
    SELECT date_trunc('minute', r.started_at) AS minute,
           extract(epoch FROM (r.answered_at - r.started_at)) * 1000 - (a1.answer_ms + a2.answer_ms) AS added_ms
    FROM call_record r
    JOIN call_attempt a1 ON a1.call_id = r.call_id AND a1.started_at = r.started_at AND a1.attempt_no = 1
    JOIN call_attempt a2 ON a2.call_id = r.call_id AND a2.started_at = r.started_at AND a2.attempt_no = 2
    WHERE r.attempts = 2 AND r.release_code = 200 AND a1.sip_code = 503 AND r.started_at >= :'since'::timestamptz
)
SELECT minute, count(*) AS calls,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY added_ms)::numeric, 1) AS p50_ms,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY added_ms)::numeric, 1) AS p95_ms,
       round(percentile_cont(0.99) WITHIN GROUP (ORDER BY added_ms)::numeric, 1) AS p99_ms
FROM failover GROUP BY minute ORDER BY minute;

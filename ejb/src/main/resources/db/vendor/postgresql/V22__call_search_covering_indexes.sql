-- Call search (GET /api/v1/calls) with several filters at once (a PBX, a carrier, an outcome): the time index and the
-- PBX's index carry the columns those filters read, so a search walks one index newest first and tests each entry
-- there (an index-only scan) instead of reading every candidate call's row from the table. Without them a rare
-- combination over a day (one PBX's unanswered calls through one carrier, 0.7 % of the day) read a third of the day's
-- rows to count its first thousand: 3.5 s cold on 10,000,000 stored calls (docs/benchmarks.md).
-- call_id is carried for the probe of an earlier attempt on a carrier (a failed-over call). The same keys as before,
-- so a stored call still writes one entry per index; the entries are wider (about 1 GB per index on 10 M calls).
-- On an installation with millions of stored calls this migration reads call_record four times (minutes per 100 M
-- rows).
DROP INDEX IF EXISTS call_record_started;
CREATE INDEX call_record_started ON call_record (started_at)
    INCLUDE (call_id, pbx_id, origin, carrier_id, release_code, attempts, answered_at);
DROP INDEX IF EXISTS call_record_pbx;
CREATE INDEX call_record_pbx ON call_record (pbx_id, started_at)
    INCLUDE (call_id, origin, carrier_id, release_code, attempts, answered_at);
-- A number with a carrier or an outcome, the same way: the normalized numbers' indexes of V21 carry the columns too
-- (a number as dialed is searched alone far more often than with other filters, and its indexes stay narrow).
DROP INDEX IF EXISTS call_record_called_normalized;
CREATE INDEX call_record_called_normalized ON call_record (called_normalized, started_at)
    INCLUDE (call_id, pbx_id, origin, carrier_id, release_code, attempts, answered_at);
DROP INDEX IF EXISTS call_record_calling_normalized;
CREATE INDEX call_record_calling_normalized ON call_record (calling_normalized, started_at)
    INCLUDE (call_id, pbx_id, origin, carrier_id, release_code, attempts, answered_at);

-- An index-only scan reads a row only where its page is not yet marked all-visible, which autovacuum does on an
-- insert-only table after 20 % of its rows by default: on a month of 10 M calls, the newest 2 M would be read from
-- the table. Each month's partition is vacuumed after 20,000 new calls instead (the platform sets the same on the
-- partitions it creates). A partition another role made and owns is left as it is, with a notice.
DO $$
DECLARE p regclass;
BEGIN
    FOR p IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'call_record'::regclass LOOP
        IF pg_has_role((SELECT relowner FROM pg_class WHERE oid = p), 'USAGE') THEN
            EXECUTE format('ALTER TABLE %s SET (autovacuum_vacuum_insert_threshold = 20000, '
                           'autovacuum_vacuum_insert_scale_factor = 0)', p);
        ELSE
            RAISE NOTICE 'partition % is not the platform''s own: set its autovacuum_vacuum_insert_threshold to '
                         '20000 and autovacuum_vacuum_insert_scale_factor to 0 as its owner', p;
        END IF;
    END LOOP;
END $$;

-- No JIT compilation for the platform's sessions on this database. PostgreSQL compiles a query whose estimated cost
-- passes jit_above_cost, and the estimate of a search that stops at its page is the cost of reading every match: the
-- search above took 6 ms to run and 60-160 ms to compile (EXPLAIN ANALYZE on 10 M calls). A role may set its own
-- defaults, so this needs no privilege; sessions opened after it (the pool's next connections) have it.
DO $$
BEGIN
    EXECUTE format('ALTER ROLE CURRENT_USER IN DATABASE %I SET jit = off', current_database());
END $$;

-- Call search (GET /api/v1/calls): every filter answered from an index newest first, so a page costs the same over a
-- day or a month and a total is counted up to its cap without reading every match. Created on the partitioned parent,
-- PostgreSQL 15 makes each index in every month's partition (and in each partition made later). On an installation
-- with millions of stored calls this migration reads call_record once per index (minutes per 100 million rows).

-- A number, calling or called, as dialed or as normalized: one index per column, each followed by the start.
CREATE INDEX call_record_called_normalized ON call_record (called_normalized, started_at);
CREATE INDEX call_record_calling_normalized ON call_record (calling_normalized, started_at);
CREATE INDEX call_record_called_dialed ON call_record (called_dialed, started_at);
CREATE INDEX call_record_calling_dialed ON call_record (calling_dialed, started_at);
-- A carrier as the origin of an inbound call (as an attempt's target: call_attempt_target of V4).
CREATE INDEX call_record_origin ON call_record (origin, started_at);
-- An outcome given as a SIP release code, busy or no answer (their codes, with the attempts: counted from the index).
CREATE INDEX call_record_release_code ON call_record (release_code, started_at) INCLUDE (attempts);
-- Refused calls (no attempt): a few percent of the traffic, searched and counted from their own small index.
CREATE INDEX call_record_refused ON call_record (started_at) WHERE attempts = 0;

-- Call search (GET /api/v1/calls): the indexes of PostgreSQL's V21 (see there), but refused calls' partial index,
-- which the embedded demo database has no form for and, with its few calls, no need of.
CREATE INDEX call_record_called_normalized ON call_record (called_normalized, started_at);
CREATE INDEX call_record_calling_normalized ON call_record (calling_normalized, started_at);
CREATE INDEX call_record_called_dialed ON call_record (called_dialed, started_at);
CREATE INDEX call_record_calling_dialed ON call_record (calling_dialed, started_at);
CREATE INDEX call_record_origin ON call_record (origin, started_at);
CREATE INDEX call_record_release_code ON call_record (release_code, started_at);

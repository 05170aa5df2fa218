-- Files taken in by the platform's routes, with the counts that must reconcile:
-- lines_read = lines_stored + lines_quarantined + lines_duplicate.
CREATE TABLE ingest_file (
    id                BIGSERIAL PRIMARY KEY,
    source            VARCHAR(40)   NOT NULL,
    file_name         VARCHAR(255)  NOT NULL,
    sha256            CHAR(64),
    subject           VARCHAR(64),
    status            VARCHAR(16)   NOT NULL,
    lines_read        INTEGER       NOT NULL DEFAULT 0,
    lines_stored      INTEGER       NOT NULL DEFAULT 0,
    lines_quarantined INTEGER       NOT NULL DEFAULT 0,
    lines_duplicate   INTEGER       NOT NULL DEFAULT 0,
    reason            VARCHAR(2000),
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ingest_file_status CHECK (status IN ('STORED', 'DUPLICATE', 'REFUSED')),
    CONSTRAINT ingest_file_counts CHECK (lines_read = lines_stored + lines_quarantined + lines_duplicate)
);
CREATE INDEX ingest_file_sha ON ingest_file (source, sha256);

-- Records that could not be taken, whole, with where they came from and why.
CREATE TABLE quarantined_record (
    id             BIGSERIAL PRIMARY KEY,
    ingest_file_id BIGINT        NOT NULL REFERENCES ingest_file (id),
    line_number    INTEGER       NOT NULL,
    raw_text       VARCHAR(4000) NOT NULL,
    reason         VARCHAR(1000) NOT NULL
);
CREATE INDEX quarantined_record_file ON quarantined_record (ingest_file_id);

-- Carriers' rates per destination prefix, from the day they take effect.
CREATE TABLE rate_deck_entry (
    id              BIGSERIAL PRIMARY KEY,
    carrier_id      VARCHAR(64)    NOT NULL,
    prefix          VARCHAR(15)    NOT NULL,
    rate_per_minute NUMERIC(12, 6) NOT NULL,
    connection_fee  NUMERIC(12, 6) NOT NULL,
    effective_from  DATE           NOT NULL,
    description     VARCHAR(200),
    ingest_file_id  BIGINT REFERENCES ingest_file (id),
    line_number     INTEGER
);
CREATE INDEX rate_deck_entry_lookup ON rate_deck_entry (carrier_id, prefix, effective_from);

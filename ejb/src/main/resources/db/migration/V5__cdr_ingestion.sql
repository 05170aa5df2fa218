-- A CDR file is taken in chunks: while it is RECEIVING, lines_done is the last line stored, so an interrupted
-- file resumes after it; the counts reconcile after every chunk.
ALTER TABLE ingest_file DROP CONSTRAINT ingest_file_status;
ALTER TABLE ingest_file ADD CONSTRAINT ingest_file_status CHECK (status IN ('RECEIVING', 'STORED', 'DUPLICATE', 'REFUSED'));
ALTER TABLE ingest_file ADD COLUMN lines_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ingest_file ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE;

-- Every call record a PBX or carrier reported, once per source and record key, normalized: numbers in E.164
-- through the PBX's dial plan (or the carrier's country), times in UTC, durations in ms.
CREATE TABLE cdr (
    source         VARCHAR(40)  NOT NULL,
    record_key     VARCHAR(200) NOT NULL,
    call_key       VARCHAR(200) NOT NULL,
    ingest_file_id BIGINT       NOT NULL,
    line_number    INTEGER      NOT NULL,
    pbx_id         VARCHAR(64),
    carrier_id     VARCHAR(64),
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at    TIMESTAMP WITH TIME ZONE,
    ended_at       TIMESTAMP WITH TIME ZONE,
    duration_ms    BIGINT       NOT NULL,
    billable_ms    BIGINT       NOT NULL,
    calling_raw    VARCHAR(64),
    called_raw     VARCHAR(64),
    calling_e164   VARCHAR(32),
    called_e164    VARCHAR(32),
    call_class     VARCHAR(32),
    disposition    VARCHAR(16)  NOT NULL,
    sip_code       INTEGER,
    q850_cause     INTEGER,
    trunk          VARCHAR(128),
    account        VARCHAR(80),
    channel        VARCHAR(128),
    peer_channel   VARCHAR(128),
    PRIMARY KEY (source, record_key)
);
CREATE INDEX cdr_started ON cdr (started_at);
CREATE INDEX cdr_call ON cdr (source, call_key);
CREATE INDEX cdr_file ON cdr (ingest_file_id);

-- Media quality a PBX measured per call leg (CUCM CMR), joined to its calls by source and call key.
CREATE TABLE cdr_quality (
    source         VARCHAR(40)  NOT NULL,
    record_key     VARCHAR(200) NOT NULL,
    call_key       VARCHAR(200) NOT NULL,
    ingest_file_id BIGINT       NOT NULL,
    line_number    INTEGER      NOT NULL,
    leg            VARCHAR(128),
    jitter_ms      DOUBLE PRECISION,
    latency_ms     DOUBLE PRECISION,
    loss_percent   DOUBLE PRECISION,
    mos            DOUBLE PRECISION,
    PRIMARY KEY (source, record_key)
);
CREATE INDEX cdr_quality_call ON cdr_quality (source, call_key);

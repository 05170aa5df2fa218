-- Every event an edge node delivered, by its id (node:journal:sequence): an event comes again whenever its
-- NOTIFY was not confirmed, and is stored once. Calls keep their body in call_record; other events here.
CREATE TABLE edge_event (
    event_id    VARCHAR(160) PRIMARY KEY,
    node_id     VARCHAR(64)  NOT NULL,
    sequence_no BIGINT       NOT NULL,
    event_type  VARCHAR(16)  NOT NULL,
    body        TEXT,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX edge_event_type_received ON edge_event (event_type, received_at);

-- One row per call the edge carried or refused (the embedded demo database keeps one table; PostgreSQL
-- partitions it by month).
CREATE TABLE call_record (
    call_id            VARCHAR(200) NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    event_id           VARCHAR(160) NOT NULL,
    node_id            VARCHAR(64),
    direction          VARCHAR(8),
    origin             VARCHAR(64),
    pbx_id             VARCHAR(64),
    calling_dialed     VARCHAR(64),
    called_dialed      VARCHAR(64),
    calling_normalized VARCHAR(32),
    called_normalized  VARCHAR(32),
    call_class         VARCHAR(32),
    decision_source    VARCHAR(16),
    carrier_id         VARCHAR(64),
    attempts           INTEGER NOT NULL,
    answered_at        TIMESTAMP WITH TIME ZONE,
    ended_at           TIMESTAMP WITH TIME ZONE,
    duration_ms        BIGINT  NOT NULL,
    release_code       INTEGER NOT NULL,
    released_by        VARCHAR(16),
    record             TEXT    NOT NULL,
    PRIMARY KEY (call_id, started_at)
);
CREATE INDEX call_record_started ON call_record (started_at);
CREATE INDEX call_record_pbx ON call_record (pbx_id, started_at);

-- Every attempt of every call (the route tried, its SIP answer, PDD and time to answer).
CREATE TABLE call_attempt (
    call_id              VARCHAR(200) NOT NULL,
    started_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    attempt_no           INTEGER      NOT NULL,
    target               VARCHAR(64),
    uri                  VARCHAR(255),
    sip_code             INTEGER,
    first_provisional_ms BIGINT,
    answer_ms            BIGINT,
    PRIMARY KEY (call_id, started_at, attempt_no)
);
CREATE INDEX call_attempt_target ON call_attempt (target, started_at);

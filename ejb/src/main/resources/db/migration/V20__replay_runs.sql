-- Replays of recorded calls through a stored rulebook version (what-if), kept with that version: what was asked
-- (rulebook, version, the period [period_from, period_to), who, when, the versions it was compared with), where it
-- stands (RUNNING, DONE, CANCELLED, FAILED with its reason; progress stored every second while it runs) and what it
-- found: the summary and the sample of changed calls as JSON text (web/README.md has their shape).
CREATE TABLE replay_run (
    id               BIGSERIAL     PRIMARY KEY,
    rulebook         VARCHAR(32)   NOT NULL,
    version          INTEGER       NOT NULL,
    period_from      TIMESTAMP WITH TIME ZONE NOT NULL,
    period_to        TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by     VARCHAR(64)   NOT NULL,
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    against_versions VARCHAR(400)  NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    reason           VARCHAR(1000),
    calls_read       BIGINT        NOT NULL DEFAULT 0,
    calls_decided    BIGINT        NOT NULL DEFAULT 0,
    calls_total      BIGINT,
    cancelled_by     VARCHAR(64),
    finished_at      TIMESTAMP WITH TIME ZONE,
    summary          TEXT,
    changes          TEXT,
    CONSTRAINT replay_run_states CHECK (state IN ('RUNNING', 'DONE', 'CANCELLED', 'FAILED'))
);
CREATE INDEX replay_run_version ON replay_run (rulebook, version, requested_at);
CREATE INDEX replay_run_state ON replay_run (state);

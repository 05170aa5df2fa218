-- Alerts, one row per occurrence of a condition on a subject from raised to resolved; the open one of a key
-- (title, origin, dimension, subject) is the one not RESOLVED.
CREATE TABLE alert (
    id               BIGSERIAL PRIMARY KEY,
    alert_key        VARCHAR(500)  NOT NULL,
    title            VARCHAR(200)  NOT NULL,
    rule_name        VARCHAR(100),
    severity         VARCHAR(16)   NOT NULL,
    origin           VARCHAR(8),
    dimension        VARCHAR(8)    NOT NULL,
    subject          VARCHAR(128)  NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    details          VARCHAR(2000),
    window_start     TIMESTAMP WITH TIME ZONE,
    raised_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at  TIMESTAMP WITH TIME ZONE,
    acknowledged_by  VARCHAR(64),
    resolved_at      TIMESTAMP WITH TIME ZONE,
    escalate_after_s INTEGER,
    escalation       INTEGER       NOT NULL DEFAULT 0,
    escalated_at     TIMESTAMP WITH TIME ZONE,
    occurrences      INTEGER       NOT NULL DEFAULT 1,
    CONSTRAINT alert_state CHECK (state IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED'))
);
CREATE INDEX alert_key_state ON alert (alert_key, state);
CREATE INDEX alert_raised ON alert (raised_at);

-- Every notification of an alert, for the audit trail: what was sent where, and whether it arrived.
CREATE TABLE alert_delivery (
    id        BIGSERIAL PRIMARY KEY,
    alert_id  BIGINT       NOT NULL REFERENCES alert (id),
    event     VARCHAR(16)  NOT NULL,
    channel   VARCHAR(16)  NOT NULL,
    target    VARCHAR(400) NOT NULL,
    sent_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome   VARCHAR(400) NOT NULL
);
CREATE INDEX alert_delivery_alert ON alert_delivery (alert_id);

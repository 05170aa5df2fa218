-- Carriers' SLA terms as the contract states them: the availability target and quality floors a month is judged
-- against, the measurement period (calendar month in a time zone), how many days after it a claim may be made,
-- where claims go, the monthly charge credits are a percentage of, and the credit schedule
-- ("99.9:5,99.5:10,99.0:25": availability below 99.9 % earns 5 %, below 99.5 % 10 %, below 99.0 % 25 %).
CREATE TABLE sla_terms (
    carrier_id           VARCHAR(64)    PRIMARY KEY,
    availability_percent NUMERIC(7, 4)  NOT NULL,
    asr_floor_percent    NUMERIC(5, 2),
    pdd_ceiling_ms       INTEGER,
    ner_floor_percent    NUMERIC(5, 2),
    mos_floor            NUMERIC(3, 2),
    period_zone          VARCHAR(64)    NOT NULL,
    claim_window_days    INTEGER        NOT NULL,
    claims_email         VARCHAR(320)   NOT NULL,
    monthly_charge       NUMERIC(18, 2) NOT NULL,
    currency             CHAR(3)        NOT NULL,
    credit_schedule      VARCHAR(1000)  NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by           VARCHAR(64)    NOT NULL,
    CONSTRAINT sla_terms_window CHECK (claim_window_days BETWEEN 1 AND 366)
);

-- One claim per carrier and month, whatever judged it (the monthly timer or a person): the month's figures as
-- judged, the credit found, the claim's workflow and where it stands. A month judged without a breach leaves no row,
-- so it may be judged again once late data arrived.
CREATE TABLE sla_claim (
    id                   BIGSERIAL      PRIMARY KEY,
    carrier_id           VARCHAR(64)    NOT NULL,
    claim_month          CHAR(7)        NOT NULL,
    judged_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    judged_by            VARCHAR(64)    NOT NULL,
    availability_percent NUMERIC(8, 4)  NOT NULL,
    outage_seconds       BIGINT         NOT NULL,
    attempts             BIGINT         NOT NULL,
    breaches             VARCHAR(2000)  NOT NULL,
    credit_percent       NUMERIC(6, 2)  NOT NULL,
    credit_amount        NUMERIC(18, 2) NOT NULL,
    currency             CHAR(3)        NOT NULL,
    claim_deadline       TIMESTAMP WITH TIME ZONE NOT NULL,
    state                VARCHAR(16)    NOT NULL,
    workflow_id          BIGINT,
    evidence_document    BIGINT,
    claimed_amount       NUMERIC(18, 2),
    sent_at              TIMESTAMP WITH TIME ZONE,
    accepted_amount      NUMERIC(18, 2),
    refusal_reason       VARCHAR(2000),
    credit_invoice       VARCHAR(100),
    closed_at            TIMESTAMP WITH TIME ZONE,
    CONSTRAINT sla_claim_once UNIQUE (carrier_id, claim_month),
    CONSTRAINT sla_claim_state CHECK (state IN ('OPEN', 'TOO_LATE', 'SENT', 'ACCEPTED', 'REFUSED', 'CREDITED', 'CANCELLED'))
);

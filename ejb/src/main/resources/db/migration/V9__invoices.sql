-- Carriers' invoices as sent, kept for reconciliation: the totals they state and the sums of their lines.
CREATE TABLE invoice (
    id             BIGSERIAL PRIMARY KEY,
    carrier_id     VARCHAR(64)    NOT NULL,
    invoice_number VARCHAR(100)   NOT NULL,
    period_start   DATE           NOT NULL,
    period_end     DATE           NOT NULL,
    currency       CHAR(3)        NOT NULL,
    stated_seconds BIGINT         NOT NULL,
    stated_amount  NUMERIC(18, 6) NOT NULL,
    lines_seconds  BIGINT         NOT NULL,
    lines_amount   NUMERIC(18, 6) NOT NULL,
    ingest_file_id BIGINT         NOT NULL REFERENCES ingest_file (id),
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT invoice_number_once UNIQUE (carrier_id, invoice_number)
);

CREATE TABLE invoice_line (
    invoice_id      BIGINT         NOT NULL REFERENCES invoice (id),
    line_number     INTEGER        NOT NULL,
    call_id         VARCHAR(200)   NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    calling         VARCHAR(64),
    called          VARCHAR(64)    NOT NULL,
    billed_seconds  BIGINT         NOT NULL,
    rate_per_minute NUMERIC(12, 6),
    amount          NUMERIC(18, 6) NOT NULL,
    PRIMARY KEY (invoice_id, line_number)
);
CREATE INDEX invoice_line_call ON invoice_line (call_id);

-- Metrics per window (5 and 60 minutes), origin (edge, cdr), dimension (carrier, trunk, pbx, class) and subject,
-- kept additive: PDD as bucket counts (WindowStats.PDD_BOUNDS), failures as code:count pairs, MOS as sum and count.
CREATE TABLE metric_window (
    window_minutes    INTEGER        NOT NULL,
    window_start      TIMESTAMP WITH TIME ZONE NOT NULL,
    origin            VARCHAR(8)     NOT NULL,
    dimension         VARCHAR(8)     NOT NULL,
    subject           VARCHAR(128)   NOT NULL,
    attempts          INTEGER        NOT NULL,
    answered          INTEGER        NOT NULL,
    network_effective INTEGER        NOT NULL,
    billable_ms       BIGINT         NOT NULL,
    pdd_buckets       VARCHAR(400)   NOT NULL,
    failures          VARCHAR(2000)  NOT NULL,
    concurrent_peak   INTEGER        NOT NULL,
    mos_sum           DOUBLE PRECISION NOT NULL,
    mos_count         INTEGER        NOT NULL,
    cost              NUMERIC(18, 6) NOT NULL,
    rated             INTEGER        NOT NULL,
    PRIMARY KEY (window_minutes, dimension, subject, origin, window_start)
);
CREATE INDEX metric_window_time ON metric_window (window_minutes, window_start);

-- 5-minute windows whose calls changed since their metrics were computed.
CREATE TABLE metric_dirty (
    window_start TIMESTAMP WITH TIME ZONE PRIMARY KEY,
    marked_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Each carrier's failover drill schedule: a weekly slot (days, local time, time zone) at which the platform starts
-- the carrier's failover.FailoverDrill workflow by itself. last_started_at is set by a compare-and-set when a node
-- claims a slot, so two platform nodes never start the same slot's drill twice.
CREATE TABLE failover_drill_schedule (
    carrier_id         VARCHAR(64)  PRIMARY KEY REFERENCES carrier (id) ON DELETE CASCADE,
    source_pbx         VARCHAR(64)  NOT NULL,
    test_numbers       VARCHAR(400) NOT NULL,
    expect_carrier     VARCHAR(64),
    max_added_setup_ms INTEGER      NOT NULL,
    days               VARCHAR(40)  NOT NULL,
    at_time            VARCHAR(8)   NOT NULL,
    zone               VARCHAR(64)  NOT NULL,
    enabled            BOOLEAN      NOT NULL,
    updated_by         VARCHAR(64)  NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_started_at    TIMESTAMP WITH TIME ZONE,
    last_workflow_id   BIGINT
);

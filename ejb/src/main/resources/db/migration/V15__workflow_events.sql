-- The workflows' audit trail: every step, variable change and task action of every workflow instance, with who
-- (the API user; 'system' for what timers did) and when, in one total order (seq). jBPM's own logs lack the actor
-- and cut values; this table is what the audit export reads.
CREATE TABLE workflow_event (
    seq                 BIGSERIAL PRIMARY KEY,
    process_instance_id BIGINT       NOT NULL,
    process_id          VARCHAR(200) NOT NULL,
    at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    actor               VARCHAR(128) NOT NULL,
    kind                VARCHAR(32)  NOT NULL,
    node_name           VARCHAR(255),
    node_type           VARCHAR(64),
    node_instance_id    BIGINT,
    task_id             BIGINT,
    task_name           VARCHAR(255),
    variable            VARCHAR(255),
    old_value           TEXT,
    new_value           TEXT,
    detail              TEXT
);
CREATE INDEX workflow_event_instance ON workflow_event (process_instance_id, seq);

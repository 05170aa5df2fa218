-- Number porting. A port's numbers, each with where it was before the port (carrier, PBX, extension) so that a
-- failed port moves it back. A number is "in an open port" while its port's workflow instance is active
-- (jBPM's processinstancelog.status = 1): the porting context checks that with the numbers' did rows locked.
CREATE TABLE port_number (
    port_id           BIGINT      NOT NULL,
    number            VARCHAR(16) NOT NULL,
    previous_carrier  VARCHAR(64) NOT NULL,
    previous_pbx      VARCHAR(64) NOT NULL,
    extension         VARCHAR(32) NOT NULL,
    state             VARCHAR(16) NOT NULL,
    changed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (port_id, number),
    CONSTRAINT port_number_state CHECK (state IN ('RESERVED', 'PORTED', 'ROLLED_BACK', 'CLOSED'))
);
CREATE INDEX port_number_number ON port_number (number);

-- Each carrier's porting desk: where port requests (with the signed letter of authorization) are sent.
CREATE TABLE porting_desk (
    carrier_id VARCHAR(64)  PRIMARY KEY REFERENCES carrier (id) ON DELETE CASCADE,
    email      VARCHAR(254) NOT NULL,
    contact    VARCHAR(200),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Workflow steps that run outside the engine's transaction (test calls through the edge): started and not yet
-- completed ones are started again after a restart.
CREATE TABLE workflow_async_step (
    work_item_id        BIGINT       PRIMARY KEY,
    process_instance_id BIGINT       NOT NULL,
    action              VARCHAR(64)  NOT NULL,
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A synthetic call placed by a workflow (port test call, failover drill) carries its test's reference: the evidence
-- of the workflow, kept out of the carriers' traffic figures.
ALTER TABLE call_record ADD COLUMN test_call VARCHAR(64);
CREATE INDEX call_record_test_call ON call_record (test_call);

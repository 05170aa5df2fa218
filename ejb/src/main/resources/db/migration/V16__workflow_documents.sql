-- Documents of a workflow instance: signed letters of authorization uploaded by compliance, and what the platform
-- generated (letters, evidence packages). Kept in PostgreSQL rather than a directory: one backup holds the workflow
-- and its evidence, and a document is stored in the same transaction as the workflow step and the audit-trail row
-- that record it, so neither exists without the other. sha256 (hex, lower case) lets a regulator check the export.
CREATE TABLE workflow_document (
    id                  BIGSERIAL PRIMARY KEY,
    process_instance_id BIGINT       NOT NULL,
    name                VARCHAR(255) NOT NULL,
    kind                VARCHAR(32)  NOT NULL CHECK (kind IN ('UPLOAD', 'GENERATED')),
    content_type        VARCHAR(100) NOT NULL,
    size_bytes          BIGINT       NOT NULL,
    sha256              CHAR(64)     NOT NULL,
    content             BYTEA        NOT NULL,
    added_by            VARCHAR(128) NOT NULL,
    added_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX workflow_document_instance ON workflow_document (process_instance_id);

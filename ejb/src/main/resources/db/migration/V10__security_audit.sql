-- Every block, ban, lift and counter reset, by whom and why: the evidence a compliance officer asks for when a
-- PBX or extension was refused service. Written by the fraud context (blocks of extensions and PBXs, counter
-- resets) and the edge security context (bans of SIP sources). actor is the API user, or 'rule:<row>' / an
-- edge node id for what the platform or the edge did on its own.
CREATE TABLE security_audit (
    id        BIGSERIAL PRIMARY KEY,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    actor     VARCHAR(128)  NOT NULL,
    action    VARCHAR(32)   NOT NULL,
    subject   VARCHAR(300)  NOT NULL,
    reason    VARCHAR(1000),
    details   VARCHAR(4000)
);
CREATE INDEX security_audit_at ON security_audit (at);
CREATE INDEX security_audit_subject ON security_audit (subject, at);

-- Event alerts name subjects of more kinds than the threshold alerts (extension, source).
ALTER TABLE alert ALTER COLUMN dimension SET DATA TYPE VARCHAR(16);

-- What kind of source a PBX is, for the STIR/SHAKEN attestation of its calls, and the origination identifier
-- (ATIS-1000074 origid) its signed calls carry; existing PBXs are PBXs with an identifier derived from their id
-- by the platform when the column is empty.
ALTER TABLE pbx ADD COLUMN origin VARCHAR(16) DEFAULT 'PBX' NOT NULL;
ALTER TABLE pbx ADD CONSTRAINT pbx_origin CHECK (origin IN ('PBX', 'GATEWAY', 'TRANSIT'));
ALTER TABLE pbx ADD COLUMN orig_id VARCHAR(36);

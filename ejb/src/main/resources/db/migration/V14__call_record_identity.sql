-- STIR/SHAKEN in the call record, for the analytics per carrier: an inbound call's verification (verstat, the failure's
-- reason, the token's attestation) and an outbound call's carried attempt (the attestation the edge signed it with,
-- the one the decision expected it to arrive with). The whole of each is also in the record's JSON.
ALTER TABLE call_record ADD COLUMN stir_verstat VARCHAR(24);
ALTER TABLE call_record ADD COLUMN stir_failure VARCHAR(32);
ALTER TABLE call_record ADD COLUMN stir_attest CHAR(1);
ALTER TABLE call_record ADD COLUMN stir_arrives CHAR(1);

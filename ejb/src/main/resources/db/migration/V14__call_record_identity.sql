-- STIR/SHAKEN in the call record, for the analytics per carrier: an inbound call's verification (verstat, the failure's
-- reason, the token's attestation) and an outbound call's carried attempt (the attestation the edge signed it with,
-- the one the decision expected it to arrive with). The whole of each is also in the record's JSON.
ALTER TABLE call_record ADD COLUMN stir_verstat VARCHAR(24);
ALTER TABLE call_record ADD COLUMN stir_failure VARCHAR(32);
ALTER TABLE call_record ADD COLUMN stir_attest CHAR(1);
ALTER TABLE call_record ADD COLUMN stir_arrives CHAR(1);

-- STIR/SHAKEN tallies of a carrier's window: outbound calls it carried by the attestation they were expected to arrive
-- with (out:A, out:B, out:C, out:none), inbound calls it brought by verification outcome (in:PASSED, in:MISSING,
-- in:FAILED:<reason>), as key=count pairs.
ALTER TABLE metric_window ADD COLUMN identities VARCHAR(400) DEFAULT '' NOT NULL;

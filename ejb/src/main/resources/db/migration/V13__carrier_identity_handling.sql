-- What a carrier does with the enterprise's STIR/SHAKEN Identity: re-signs every call (A for numbers in its blocks,
-- foreign_attestation for the others) or passes the enterprise's own through. Existing carriers re-sign with B, what
-- an originating carrier gives a customer's call from a number it has not assigned (ATIS-1000074 §5.2.3).
ALTER TABLE carrier ADD COLUMN identity_handling VARCHAR(16) DEFAULT 'RESIGN' NOT NULL;
ALTER TABLE carrier ADD CONSTRAINT carrier_identity_handling CHECK (identity_handling IN ('RESIGN', 'PASS_THROUGH'));
ALTER TABLE carrier ADD COLUMN foreign_attestation CHAR(1) DEFAULT 'B' NOT NULL;
ALTER TABLE carrier ADD CONSTRAINT carrier_foreign_attestation CHECK (foreign_attestation IN ('A', 'B', 'C'));

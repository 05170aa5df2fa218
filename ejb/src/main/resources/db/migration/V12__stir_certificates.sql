-- The STIR/SHAKEN signing certificates the platform publishes at their x5u URL (/api/v1/stir/certs/{name}.pem):
-- each a PEM chain, signing certificate first, as a verifier fetches it (ATIS-1000074 §5.3.1).
CREATE TABLE stir_certificate (
    name        VARCHAR(64)   PRIMARY KEY,
    pem         TEXT          NOT NULL,
    subject     VARCHAR(500)  NOT NULL,
    not_after   TIMESTAMP WITH TIME ZONE NOT NULL,
    uploaded_by VARCHAR(128)  NOT NULL,
    uploaded_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every version of every rulebook: who made it, when, why, and whether it is the one deciding calls.
CREATE TABLE rulebook_version (
    rulebook     VARCHAR(40)   NOT NULL,
    version      INTEGER       NOT NULL,
    status       VARCHAR(10)   NOT NULL,
    checksum     CHAR(64)      NOT NULL,
    author       VARCHAR(100)  NOT NULL,
    comment      VARCHAR(2000) NOT NULL DEFAULT '',
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at TIMESTAMP WITH TIME ZONE,
    activated_by VARCHAR(100),
    PRIMARY KEY (rulebook, version),
    CONSTRAINT rulebook_version_status CHECK (status IN ('DRAFT', 'ACTIVE', 'RETIRED'))
);

-- The files of each version, whole (an analyst downloads exactly what was active).
CREATE TABLE rulebook_file (
    rulebook  VARCHAR(40)  NOT NULL,
    version   INTEGER      NOT NULL,
    file_name VARCHAR(200) NOT NULL,
    content   BYTEA        NOT NULL,
    PRIMARY KEY (rulebook, version, file_name),
    FOREIGN KEY (rulebook, version) REFERENCES rulebook_version (rulebook, version)
);

-- Analysts' test scenarios: a call and what must be decided for it; a version that breaks one is not activated.
CREATE TABLE routing_scenario (
    name              VARCHAR(200) PRIMARY KEY,
    direction         VARCHAR(8)   NOT NULL,
    source            VARCHAR(64)  NOT NULL,
    calling           VARCHAR(40),
    called            VARCHAR(40)  NOT NULL,
    at                TIMESTAMP WITH TIME ZONE,
    expected_verdict  VARCHAR(8)   NOT NULL,
    expected_class    VARCHAR(20),
    expected_targets  VARCHAR(400),
    expected_sip_code INTEGER
);

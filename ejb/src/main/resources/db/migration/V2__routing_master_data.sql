-- PBXs (sites): where calls come from and how their users dial.
CREATE TABLE pbx (
    id                 VARCHAR(64)  PRIMARY KEY,
    name               VARCHAR(200) NOT NULL,
    vendor             VARCHAR(40)  NOT NULL,
    country            CHAR(2)      NOT NULL,
    time_zone          VARCHAR(64)  NOT NULL,
    source_cidrs       VARCHAR(2000) NOT NULL DEFAULT '',
    extension_ranges   VARCHAR(2000) NOT NULL DEFAULT '',
    main_number        VARCHAR(16)  NOT NULL,
    emergency_location VARCHAR(200),
    emergency_carrier  VARCHAR(64),
    default_caller_id  VARCHAR(16),
    trunk_uri          VARCHAR(400) NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pbx_vendor CHECK (vendor IN ('CISCO_CUCM', 'AVAYA', 'ASTERISK', 'FREEPBX', 'TEAMS_DIRECT_ROUTING', 'CLOUD_PBX', 'OTHER'))
);

-- Carriers and their trunks: what they may carry, how much, at what price increments.
CREATE TABLE carrier (
    id                VARCHAR(64)  PRIMARY KEY,
    name              VARCHAR(200) NOT NULL,
    trunk_uri         VARCHAR(400) NOT NULL,
    transport         VARCHAR(8)   NOT NULL,
    capabilities      VARCHAR(200) NOT NULL DEFAULT '',
    countries         VARCHAR(2000) NOT NULL DEFAULT '*',
    max_channels      INTEGER      NOT NULL,
    priority          INTEGER      NOT NULL,
    weight            INTEGER      NOT NULL,
    billing_increment VARCHAR(16)  NOT NULL,
    currency          CHAR(3)      NOT NULL,
    time_zone         VARCHAR(64)  NOT NULL,
    peak_window       VARCHAR(100),
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT carrier_transport CHECK (transport IN ('udp', 'tcp', 'tls')),
    CONSTRAINT carrier_channels CHECK (max_channels >= 0)
);

-- Number blocks a carrier holds or has registered: the caller IDs it may present.
CREATE TABLE carrier_number_block (
    carrier_id VARCHAR(64) NOT NULL REFERENCES carrier (id) ON DELETE CASCADE,
    prefix     VARCHAR(16) NOT NULL,
    PRIMARY KEY (carrier_id, prefix)
);

-- A carrier's live state until the edge cluster reports it: up/down, calls in progress, recent quality.
CREATE TABLE carrier_state (
    carrier_id   VARCHAR(64) PRIMARY KEY REFERENCES carrier (id) ON DELETE CASCADE,
    up           BOOLEAN     NOT NULL,
    active_calls INTEGER     NOT NULL DEFAULT 0,
    asr_percent  NUMERIC(5, 2),
    mos          NUMERIC(3, 2),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Direct inward dialling numbers and where their calls go.
CREATE TABLE did (
    number     VARCHAR(16) PRIMARY KEY,
    carrier_id VARCHAR(64) NOT NULL REFERENCES carrier (id),
    pbx_id     VARCHAR(64) NOT NULL REFERENCES pbx (id),
    extension  VARCHAR(32) NOT NULL
);

-- One-row settings of routing: the destination of calls to unknown DIDs (the main IVR).
CREATE TABLE inbound_default (
    id        INTEGER     PRIMARY KEY,
    pbx_id    VARCHAR(64) NOT NULL REFERENCES pbx (id),
    extension VARCHAR(32) NOT NULL,
    CONSTRAINT inbound_default_single CHECK (id = 1)
);

-- Rate decks: off-peak prices and an end date, as carriers publish them.
ALTER TABLE rate_deck_entry ADD COLUMN offpeak_rate_per_minute NUMERIC(12, 6);
ALTER TABLE rate_deck_entry ADD COLUMN effective_until DATE;

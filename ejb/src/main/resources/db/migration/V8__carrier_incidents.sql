-- Incidents carriers report on their status feeds, by carrier and the feed's own id; an incident the feed no
-- longer lists, or lists as resolved, is closed.
CREATE TABLE carrier_incident (
    carrier_id  VARCHAR(64)   NOT NULL,
    incident_id VARCHAR(300)  NOT NULL,
    title       VARCHAR(500)  NOT NULL,
    status      VARCHAR(32)   NOT NULL,
    is_open     BOOLEAN       NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE,
    resolved_at TIMESTAMP WITH TIME ZONE,
    link        VARCHAR(500),
    first_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (carrier_id, incident_id)
);

-- The last poll of each carrier's status feed and how it went.
CREATE TABLE status_feed_poll (
    carrier_id VARCHAR(64)   PRIMARY KEY,
    url        VARCHAR(500)  NOT NULL,
    polled_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome    VARCHAR(1000) NOT NULL
);

-- What the edge's media relay (rtpengine) counted of a call: the packets relayed both ways, and from the RTCP
-- receiver reports the worst direction's MOS, loss and jitter. Null when the call's media was not relayed (no
-- rtpengine on the node, a late offer, a test call) or no report came; each direction's figures stay in the record.
ALTER TABLE call_record ADD COLUMN media_packets BIGINT;
ALTER TABLE call_record ADD COLUMN media_mos NUMERIC(3, 1);
ALTER TABLE call_record ADD COLUMN media_loss_pct NUMERIC(5, 2);
ALTER TABLE call_record ADD COLUMN media_jitter_ms INTEGER;

-- Metric windows keep loss and jitter additive like MOS: sums and counts of the calls that measured them.
ALTER TABLE metric_window ADD COLUMN loss_sum DOUBLE PRECISION DEFAULT 0 NOT NULL;
ALTER TABLE metric_window ADD COLUMN loss_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE metric_window ADD COLUMN jitter_sum DOUBLE PRECISION DEFAULT 0 NOT NULL;
ALTER TABLE metric_window ADD COLUMN jitter_count INTEGER DEFAULT 0 NOT NULL;

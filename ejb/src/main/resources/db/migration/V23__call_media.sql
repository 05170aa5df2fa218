-- What the edge's media relay (rtpengine) counted of a call: the packets relayed both ways, and from the RTCP
-- receiver reports the worst direction's MOS, loss and jitter. Null when the call's media was not relayed (no
-- rtpengine on the node, a late offer, a test call) or no report came; each direction's figures stay in the record.
ALTER TABLE call_record ADD COLUMN media_packets BIGINT;
ALTER TABLE call_record ADD COLUMN media_mos NUMERIC(3, 1);
ALTER TABLE call_record ADD COLUMN media_loss_pct NUMERIC(5, 2);
ALTER TABLE call_record ADD COLUMN media_jitter_ms INTEGER;

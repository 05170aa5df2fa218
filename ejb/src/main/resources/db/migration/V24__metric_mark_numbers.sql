-- Each mark of a changed window is numbered: the metrics builder removes the mark it recomputed from, and only that
-- one, at the end of the recomputation's transaction. A call stored meanwhile raises the number, so its window stays
-- marked, and no stored call ever waits for a recomputation holding the mark.
ALTER TABLE metric_dirty ADD COLUMN mark_no BIGINT DEFAULT 0 NOT NULL;

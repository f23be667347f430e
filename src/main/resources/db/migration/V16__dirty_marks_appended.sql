-- Marks for a recompute (metrics) and a re-check (segments, rule tags) are appended instead of upserted by customer.
-- An upsert on a customer whose mark a worker had just claimed waited for that worker's whole transaction (a
-- recompute of up to thousands of customers): every request that touched a busy customer — the same shopper's next
-- event, say — held its thread and connection meanwhile. The workers now claim rows (FOR UPDATE SKIP LOCKED) and
-- fold the duplicates of a customer into one.
ALTER TABLE metrics_dirty DROP CONSTRAINT metrics_dirty_pkey;
CREATE INDEX metrics_dirty_marked_idx ON metrics_dirty (marked_at);
ALTER TABLE segment_dirty DROP CONSTRAINT segment_dirty_pkey;

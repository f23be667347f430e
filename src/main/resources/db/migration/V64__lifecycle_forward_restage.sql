-- The daily RFM + lifecycle recompute moves stages forward by ranges of (lifecycle_stage, last_order_date) instead
-- of reading every customer's metrics: it needs the thresholds the stages were last moved with, and the index.
ALTER TABLE rfm_scale ADD COLUMN lifecycle_thresholds integer[]
    CONSTRAINT rfm_scale_lifecycle_thresholds_shape CHECK (cardinality(lifecycle_thresholds) = 4);
COMMENT ON COLUMN rfm_scale.lifecycle_thresholds IS
    'the lifecycle thresholds (new within, at risk after, dormant after, lost after; days) of the last full recompute';

-- serves lifecycle_stage conditions as the single-column index did, and the forward restage's ranges
CREATE INDEX customer_metrics_stage_last_order_idx ON customer_metrics_base (lifecycle_stage, last_order_date);
DROP INDEX customer_metrics_stage_idx;
